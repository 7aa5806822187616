package org.mpindex.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark: {@code local[2,4]} (two cores; a failed task is retried up to three times, so
 * retries can be tested), one session for the whole test JVM, no UI, loopback only.
 */
public final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2,4]")
              .appName("mpi-spark tests")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.sql.session.timeZone", "UTC")
              .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
    }
    return session;
  }
}
