package org.mpindex.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.testkit.PaperScaleWorkload;

/**
 * Merge = whole on a cluster: for any generated population, any number of partitions and any input
 * order (rows shuffled and spread over several input partitions), Spark's result is one machine's,
 * bit for bit. Few tries: each is a Spark job (about a second on two cores).
 */
class MpiSparkProperties {
  @Property(tries = 8)
  void anyPartitioningAndOrderGivesOneMachinesBits(
      @ForAll @IntRange(min = 30, max = 400) int beneficiaries,
      @ForAll @IntRange(min = 1, max = 40) int partitions,
      @ForAll @IntRange(min = 1, max = 9) int inputPartitions,
      @ForAll long seed)
      throws IOException {
    Path dir = Files.createTempDirectory("mpi-spark-prop");
    try {
      PaperScaleWorkload.generate(seed, beneficiaries).writeTidy(dir);
      MpiResult one = Fixtures.oneMachine(dir, MpiSpec.PARENTE_2011);
      SparkSession spark = LocalSpark.session();
      Dataset<Row> claims =
          spark
              .read()
              .option("header", "true")
              .csv(dir.resolve("claims.csv").toString())
              .orderBy(functions.rand(seed))
              .repartition(inputPartitions);
      MpiResult r =
          MpiSpark.on(spark)
              .spec(() -> MpiSpec.PARENTE_2011)
              .effort(Fixtures.EFFORT)
              .grouper(Fixtures.GROUPER)
              .partitions(partitions)
              .build()
              .compute(
                  spark
                      .read()
                      .option("header", "true")
                      .csv(dir.resolve("beneficiaries.csv").toString()),
                  spark
                      .read()
                      .option("header", "true")
                      .csv(dir.resolve("enrollment.csv").toString()),
                  claims);
      assertEquals(one, r);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
