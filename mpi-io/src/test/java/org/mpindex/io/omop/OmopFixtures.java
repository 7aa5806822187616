package org.mpindex.io.omop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.PrecomputedBurden;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputTable;

/** The ETL-CMS fixture (fixtures/omop/etl-cms, SOURCE.md there) and helpers. */
final class OmopFixtures {
  private OmopFixtures() {}

  static Path resource(String name) {
    try {
      return Path.of(OmopFixtures.class.getResource("/fixtures/omop/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static final Path OMOP = resource("etl-cms/omop");
  static final Path DESYNPUF = resource("etl-cms/desynpuf");

  /** The files of a folder, each recognised as its table by {@code format}. */
  static InputFiles files(OmopFormat format, Path dir) {
    Map<String, List<Path>> byTable = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.sorted().toList()) {
        Optional<InputTable> t = format.recognise(f, List.of());
        t.ifPresent(x -> byTable.computeIfAbsent(x.name(), k -> new ArrayList<>()).add(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new InputFiles(format, byTable);
  }

  /** Every record a reader hands over, in order. */
  static final class Recorder implements RecordSink {
    final List<Object> records = new ArrayList<>();

    @Override
    public void beneficiary(Beneficiary b) {
      records.add(b);
    }

    @Override
    public void enrollment(Enrollment e) {
      records.add(e);
    }

    @Override
    public void line(ClaimLine l) {
      records.add(l);
    }

    @Override
    public void claim(Claim c) {
      records.add(c);
    }

    @Override
    public void burden(PrecomputedBurden b) {
      records.add(b);
    }

    List<ClaimLine> lines() {
      List<ClaimLine> out = new ArrayList<>();
      for (Object o : records) {
        if (o instanceof Claim c) {
          out.addAll(c.lines());
        } else if (o instanceof ClaimLine l) {
          out.add(l);
        }
      }
      return out;
    }

    <T> List<T> of(Class<T> kind) {
      return records.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
  }

  /** A {@code Consumer<Object>} of the DE-SynPUF readers onto a sink. */
  static java.util.function.Consumer<Object> consumer(RecordSink sink) {
    return o -> {
      if (o instanceof Beneficiary b) {
        sink.beneficiary(b);
      } else if (o instanceof Enrollment e) {
        sink.enrollment(e);
      } else if (o instanceof Claim c) {
        sink.claim(c);
      } else if (o instanceof ClaimLine l) {
        sink.line(l);
      } else {
        throw new IllegalArgumentException("not a record: " + o);
      }
    };
  }
}
