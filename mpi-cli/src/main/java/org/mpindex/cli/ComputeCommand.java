package org.mpindex.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.time.Window;
import org.mpindex.core.time.WindowScheme;
import org.mpindex.io.SynpufClaimReader;
import org.mpindex.rbrvs.RvuSchedule;

/** {@code mpi compute}: the index from claims files. */
final class ComputeCommand {
  static final String HELP =
      String.join(
          "\n",
          "usage: mpi compute --format LAYOUT (--input PATH... | --beneficiaries F... [--enrollment F...] --claims F...)",
          "                   [--rvu F...] [--health elixhauser|charlson|adg] [--adg-map F] [--acg-output F]",
          "                   [--hierarchy] [--by national|state|county] [--strict] --out DIR [method options]",
          "",
          "  --format LAYOUT              tidy (or csv: the library's layout, mpi-io/README.md), desynpuf (CMS 2008-2010",
          "                               DE-SynPUF), or another layout of docs/bring-your-own-claims.md",
          "  --input PATH...              the layout's files, or folders holding them (one level deep): each file is told",
          "                               by its header; a folder's other files are not read, and noted (mpi inspect DIR)",
          "  --beneficiaries F...         DE-SynPUF Beneficiary Summary files (one per year), or beneficiaries.csv",
          "  --enrollment F...            tidy only: enrollment span files",
          "  --claims F...                DE-SynPUF carrier/outpatient/inpatient files, or claim line files",
          RvuOptions.HELP,
          "  --health elixhauser|charlson|adg  burden categories (elixhauser)",
          "  --hierarchy                  apply the grouper's hierarchy rules",
          "  --health-weights W           burden = weighted score instead of a count: charlson-1987 or quan-2011",
          "                               (--health charlson), van-walraven-2009 (--health elixhauser); a score of 0",
          "                               or less is burden 0 (then --zero-burden decides)",
          "  --adg-map F                  with --health adg: your ICD-to-ADG table (code_system,code,adg)",
          "  --acg-output F               with --health adg: your ACG output with ADG flags per patient and period",
          "  --diagnosis-sources header,line,admitting  DE-SynPUF diagnoses that count (all)",
          "  --county-crosswalk bundled|none|F  DE-SynPUF: SSA-to-FIPS county crosswalk: the bundled CMS/NBER file of 2017",
          "                               (bundled), none (county groups keep SSA keys), or a file in its layout",
          "                               (ssa_fips_state_county<YEAR>.csv); codes it does not map keep SSA keys, counted",
          "  --denied-lines no-effort|effort  DE-SynPUF carrier lines whose LINE_PRCSG_IND_CD is not A (not allowed):",
          "                               diagnoses kept, effort rejected and counted (no-effort), or valued (effort)",
          "  --acg-by-year                the ACG output is an annual run: each row's flags apply to every window of",
          "                               its year (period 2009, a quarter or a date in it), not to one window",
          "  --allow-missing-rvu          compute even where the RVU files do not cover an effort window (marked in",
          "                               every output); without it such a run stops with exit code 3",
          "  --rejects F                  list every rejected row (file, line, column, reason) in F; F is replaced only",
          "                               if a run wrote it (first line file,line,column,reason,message), never an",
          "                               input, a symbolic link or a device",
          "  --force                      with --rejects: replace F even if no run wrote it",
          "",
          "The study period is --study-period when given, else the years of the DE-SynPUF summary files, else the",
          "span of the tidy enrollment records; claims outside it are counted, never stretch it.",
          "",
          SpecOptions.HELP,
          SensitivityGrid.HELP,
          RealTimeRun.HELP,
          "",
          Run.OUTPUT_HELP);

  private final PrintStream out;
  private final PrintStream err;

  ComputeCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] argv) {
    return ComputeRun.run(ComputeOptions.parse(argv), new LocalEngine(err), out, err);
  }

  /** {@code --diagnosis-sources header,line,admitting} (all by default). */
  static Set<SynpufClaimReader.DiagnosisSource> diagnosisSources(Args a) {
    Set<SynpufClaimReader.DiagnosisSource> out =
        java.util.EnumSet.noneOf(SynpufClaimReader.DiagnosisSource.class);
    for (String v : a.get("diagnosis-sources").orElse("header,line,admitting").split(",", -1)) {
      try {
        out.add(SynpufClaimReader.DiagnosisSource.valueOf(v.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "--diagnosis-sources takes header, line and admitting, got '" + v + "'");
      }
    }
    return out;
  }

  /** {@code --denied-lines no-effort|effort} (lines not allowed by Medicare). */
  static boolean deniedLinesCarryEffort(Args a) {
    String v = a.get("denied-lines").orElse("no-effort").strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "no-effort" -> false;
      case "effort" -> true;
      default -> throw new UsageException("--denied-lines is no-effort or effort, got '" + v + "'");
    };
  }

  /** {@code --health-weights}: a weighted score over the comorbidity grouper's categories. */
  static org.mpindex.core.spi.HealthLevelProvider weighted(
      String name, BurdenGrouper grouper, org.mpindex.core.spi.HealthLevelProvider inner) {
    org.mpindex.adg.Weights w;
    try {
      w = org.mpindex.adg.Weights.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--health-weights is charlson-1987, quan-2011 or van-walraven-2009, got '" + name + "'");
    }
    if (!(grouper instanceof ComorbidityGrouper comorbidityGrouper)
        || comorbidityGrouper.index() != w.index()) {
      throw new UsageException(
          "--health-weights "
              + name
              + " weighs "
              + w.index().displayName()
              + " categories: give"
              + " --health "
              + w.index().name().toLowerCase(Locale.ROOT));
    }
    try {
      return org.mpindex.adg.WeightedBurden.of(w, comorbidityGrouper, inner);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--health-weights: " + e.getMessage());
    }
  }

  /**
   * The same data given twice would be read twice: refused. Files are recognised by content, not by
   * path: one file under two names (a symbolic or a hard link: the same file key, else the same real
   * path), or two files of the same size and the same SHA-256 digest of their whole bytes (a copy).
   * Only files whose sizes are equal are read to be hashed, so inputs of different sizes cost
   * nothing; empty files are not compared. A copy that differs in a byte (another line end, gzip) is
   * not caught here: its claims are, as repeated claim ids.
   */
  static void refuseRepeatedFiles(List<Path> files) {
    Map<Object, Path> seen = new java.util.HashMap<>();
    Map<Long, List<Path>> bySize = new TreeMap<>();
    for (Path f : files) {
      Object identity;
      long size;
      try {
        java.nio.file.attribute.BasicFileAttributes attrs =
            Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
        identity = attrs.fileKey() != null ? attrs.fileKey() : f.toRealPath();
        size = attrs.size();
      } catch (java.io.IOException e) {
        identity = f.toAbsolutePath().normalize();
        size = -1;
      }
      Path first = seen.putIfAbsent(identity, f);
      if (first != null) {
        throw new UsageException(
            "the file "
                + f.toAbsolutePath().normalize()
                + " is given twice ("
                + first
                + " and "
                + f
                + ", one file under two names): its records would be read twice");
      }
      if (size > 0) {
        bySize.computeIfAbsent(size, k -> new ArrayList<>()).add(f);
      }
    }
    for (Map.Entry<Long, List<Path>> same : bySize.entrySet()) {
      if (same.getValue().size() < 2) {
        continue;
      }
      Map<String, Path> digests = new java.util.HashMap<>();
      for (Path f : same.getValue()) {
        String digest = sha256(f);
        Path first = digests.putIfAbsent(digest, f);
        if (first != null) {
          throw new UsageException(
              first
                  + " and "
                  + f
                  + " hold the same data ("
                  + same.getKey()
                  + " bytes, SHA-256 "
                  + digest.substring(0, 16)
                  + "...): its records would be read twice; give each file once");
        }
      }
    }
  }

  /** The SHA-256 digest of a file's bytes, in hex. */
  private static String sha256(Path f) {
    try (java.io.InputStream in = Files.newInputStream(f)) {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** The days whose effort the index needs: windows first .. last - lag of the study; empty if none. */
  static Optional<StudyPeriod> effortDays(MpiSpec spec, StudyPeriod period) {
    WindowScheme scheme = spec.windowScheme();
    int lo = scheme.indexOf(period.from());
    int hi = scheme.indexOf(period.to()) - spec.lag();
    return hi < lo
        ? Optional.empty()
        : Optional.of(StudyPeriod.of(scheme.window(lo).start(), scheme.window(hi).end()));
  }

  /** A caveat for every index window whose effort window falls in a year priced with another year's release. */
  static Map<Integer, String> substitutionCaveats(
      MpiSpec spec, StudyPeriod period, RvuSchedule schedule) {
    Map<Integer, String> caveats = new TreeMap<>();
    WindowScheme scheme = spec.windowScheme();
    int lo = scheme.indexOf(period.from());
    int hi = scheme.indexOf(period.to()) - spec.lag();
    for (RvuSchedule.Substitution sub : schedule.substitutions()) {
      for (int e = lo; e <= hi; e++) {
        Window w = scheme.window(e);
        if (w.start().getYear() <= sub.year() && w.end().getYear() >= sub.year()) {
          caveats.put(
              e + spec.lag(),
              "effort window "
                  + w.label()
                  + " priced with "
                  + sub.release()
                  + ": no RVU release"
                  + " for "
                  + sub.year()
                  + " (--rvu-year-fallback nearest)");
        }
      }
    }
    return caveats;
  }

  static Map<Integer, String> effortCoverage(
      MpiSpec spec, StudyPeriod period, RvuSchedule schedule, List<Path> files, boolean allow) {
    WindowScheme scheme = spec.windowScheme();
    int lo = scheme.indexOf(period.from());
    int hi = scheme.indexOf(period.to()) - spec.lag();
    Map<Integer, String> caveats = new TreeMap<>();
    if (hi < lo) {
      return caveats;
    }
    List<RvuSchedule.Gap> gaps =
        schedule.uncovered(scheme.window(lo).start(), scheme.window(hi).end());
    if (gaps.isEmpty()) {
      return caveats;
    }
    String missing =
        gaps.stream()
            .map(RvuSchedule.Gap::toString)
            .collect(java.util.stream.Collectors.joining(", "));
    if (!allow) {
      throw new UncoveredEffortException(
          "the RVU "
              + (files.isEmpty() ? "releases" : "files given (" + names(files) + ")")
              + " do not cover "
              + missing
              + ", whose effort the index needs (study period "
              + period
              + "): add the PPRRVU file of each missing year,"
              + " or --allow-missing-rvu to compute anyway with those windows marked");
    }
    for (int e = lo; e <= hi; e++) {
      Window w = scheme.window(e);
      for (RvuSchedule.Gap g : gaps) {
        if (!g.to().isBefore(w.start()) && !g.from().isAfter(w.end())) {
          caveats.put(
              e + spec.lag(),
              "effort window "
                  + w.label()
                  + " is not fully priced: no RVU release for "
                  + g
                  + " (--allow-missing-rvu); its lines' effort is rejected and counted");
          break;
        }
      }
    }
    return caveats;
  }

  static String names(List<Path> files) {
    List<String> n = new ArrayList<>();
    files.forEach(f -> n.add(f.getFileName().toString()));
    return String.join(" ", n);
  }

  /** A readable regular file, or a usage error saying what {@code f} is instead. */
  static Path existing(String option, String f) {
    Path p = Path.of(f);
    if (!Files.exists(p)) {
      throw new UsageException("--" + option + ": no such file " + f);
    }
    if (Files.isDirectory(p)) {
      throw new UsageException("--" + option + ": " + f + " is a directory, not a file");
    }
    if (!Files.isRegularFile(p)) {
      throw new UsageException(
          "--" + option + ": " + f + " is not a regular file (a FIFO or a device?); give a file");
    }
    if (!Files.isReadable(p)) {
      throw new UsageException("--" + option + ": " + f + " cannot be read (permission denied)");
    }
    return p;
  }

  /** Note on a claims file that holds a header and no claim row (after the file's name). */
  static final String HEADER_ONLY = ComputeRun.HEADER_ONLY;
}
