package org.mpindex.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI's smoke run of every JMH benchmark: one short measured iteration each, in this JVM, at small
 * sizes (the race at 2,000 beneficiaries, still refereed against DuckDB before it is timed;
 * LayoutRace's every layout at 2,000 people). It
 * proves the benchmarks run and produce a score; it measures nothing (figures come from the real
 * runs in benchmarks/README.md).
 */
class BenchmarksSmokeTest {

  @Test
  void everyBenchmarkRunsOneShortIteration() throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include("org\\.mpindex\\.benchmarks\\..*")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(200))
            .param("beneficiaries", "2000")
            .param("order", "PATIENT_SORTED")
            .param("state", "STEADY")
            .param("layout", "DENSE")
            .param("components", "TABLE")
            .param("years", "ONE")
            .param("format", "BINARY")
            .param("index", "ELIXHAUSER")
            .param("options", "DEFAULT")
            .param("partitions", "3")
            .param("people", "2000")
            .param("files", "parquet")
            .param("fold", "columnar")
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    Set<String> classes = new TreeSet<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      classes.add(
          label.substring(0, label.lastIndexOf('.')).replace("org.mpindex.benchmarks.", ""));
      double score = r.getPrimaryResult().getScore();
      assertTrue(score > 0 && Double.isFinite(score), label + " scored " + score);
    }
    assertEquals(
        Set.of(
            "FoldBenchmark",
            "GrouperBenchmark",
            "IndexBenchmark",
            "IndexRace",
            "BootstrapBenchmark",
            "RvuLoadBenchmark",
            "RvuLookupBenchmark",
            "CsvRace",
            "SynpufRace",
            "SparkRace",
            "ParquetRace",
            "RealTimeBenchmark",
            "ShuffledFold",
            "LayoutRace"),
        classes);
  }
}
