package org.mpindex.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster of separate operating-system processes on this machine: one master and
 * {@code n} workers (one core each), started with {@code java} from the Spark jars on the test class
 * path, as {@code sbin/start-master.sh} and {@code sbin/start-worker.sh} start them from a Spark
 * distribution. Everything binds to 127.0.0.1; the master's ports are free ports picked at start, the
 * workers' are chosen by the operating system (port 0).
 *
 * <p>A worker launches each executor as a child process with the class path that Spark's {@code
 * WorkerCommandBuilder} builds: {@code $SPARK_HOME/conf}, {@code $SPARK_HOME/jars/*} of a
 * distribution (the {@code RELEASE} file tells Spark's launcher it is one) and {@code
 * SPARK_DIST_CLASSPATH}. This cluster's {@code SPARK_HOME} is a temporary folder with an empty {@code
 * jars/}; {@code SPARK_DIST_CLASSPATH} (as a "Hadoop free" distribution uses it) lists the test class
 * path's jars: Spark, Scala and their dependencies, not this project's classes, which reach the
 * executors only inside the submitted job jar, as on a real cluster.
 *
 * <p>Spark's logs go to files in {@link #logs()}, one per process (executors: the worker's {@code
 * work/<app>/<executor>/stderr}), so a job's standard error holds only the job's own lines.
 */
final class StandaloneCluster implements AutoCloseable {
  /** The JVM flags Spark needs on Java 17 (the parent pom's {@code spark.jvm.flags}). */
  static final List<String> JAVA_17_FLAGS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "-Dio.netty.tryReflectionSetAccessible=true");

  /**
   * JVM flags for short-lived processes on few cores: the client compiler only (no C2 compilations
   * competing for the two cores) and the serial collector (no GC threads); the job's numbers do not
   * depend on them.
   */
  static final List<String> FAST_START_FLAGS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** How long a process may take to come up (two cores shared with other builds). */
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path home;
  private final Path logs;
  private final int masterPort;
  private final int masterUiPort;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();
  private final List<Process> drivers = new ArrayList<>();

  private StandaloneCluster(Path home, int masterPort, int masterUiPort, Process master) {
    this.home = home;
    this.logs = home.resolve("logs");
    this.masterPort = masterPort;
    this.masterUiPort = masterUiPort;
    this.master = master;
  }

  /**
   * Starts a master and {@code workers} workers of one core and {@code workerMemory} (Spark's
   * notation: {@code 1g}) each, under the temporary {@code SPARK_HOME} {@code home} (created), and
   * waits until the master lists every worker alive.
   *
   * @throws IllegalStateException when a process exits or the workers are not all alive within
   *     {@link #START_TIMEOUT}; whatever was started is stopped
   */
  static StandaloneCluster start(Path home, int workers, String workerMemory) throws IOException {
    // Spark's launcher takes SPARK_HOME for a distribution when it has a RELEASE file; jars/ is
    // empty, the jars come from SPARK_DIST_CLASSPATH (as in a "Hadoop free" distribution)
    Files.createDirectories(home.resolve("jars"));
    Files.createDirectories(home.resolve("conf"));
    Files.createDirectories(home.resolve("logs"));
    Files.createDirectories(home.resolve("work"));
    Files.createDirectories(home.resolve("tmp"));
    Files.writeString(home.resolve("RELEASE"), "Spark 4.0 jars of the test class path\n");
    // executors log to their stderr (the worker keeps it in work/<app>/<executor>/stderr); the
    // other processes to a file of their own, so that a job's stderr is the job's lines only
    Files.writeString(home.resolve("conf").resolve("log4j2.properties"), log4j("console"));
    Files.writeString(home.resolve("conf").resolve("log4j2-file.properties"), log4j("file"));
    int port = freePort();
    int uiPort = freePort();
    StandaloneCluster cluster =
        new StandaloneCluster(
            home,
            port,
            uiPort,
            launch(
                home,
                "master",
                "256m",
                List.of(
                    "org.apache.spark.deploy.master.Master",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    String.valueOf(port),
                    "--webui-port",
                    String.valueOf(uiPort))));
    try {
      // a worker that finds no master retries only after 5 to 15 s: start them once it listens
      cluster.awaitMaster();
      for (int w = 0; w < workers; w++) {
        Path dir = Files.createDirectories(home.resolve("work").resolve("worker-" + w));
        cluster.workers.add(
            launch(
                home,
                "worker-" + w,
                "256m",
                List.of(
                    "org.apache.spark.deploy.worker.Worker",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--webui-port",
                    "0",
                    "--cores",
                    "1",
                    "--memory",
                    workerMemory,
                    "--work-dir",
                    dir.toString(),
                    cluster.masterUrl())));
      }
      cluster.awaitAliveWorkers(workers);
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * The JVM options of this cluster's executors ({@code spark.executor.extraJavaOptions}): the Java
   * 17 flags, the fast-start flags, and a temporary folder inside the cluster's home (native
   * libraries Spark unpacks, such as LZ4's, stay out of the system's temporary folder even when an
   * executor is killed).
   */
  String executorJavaOptions() {
    List<String> flags = new ArrayList<>(JAVA_17_FLAGS);
    flags.addAll(FAST_START_FLAGS);
    flags.add(tmpDirFlag(home));
    return String.join(" ", flags);
  }

  private static String tmpDirFlag(Path home) {
    return "-Djava.io.tmpdir=" + home.resolve("tmp");
  }

  /** {@code spark://127.0.0.1:PORT}. */
  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The folder of the processes' log files ({@code master.log}, {@code worker-0.log}, ...). */
  Path logs() {
    return logs;
  }

  /** The worker processes, in start order (a killed one stays in the list, not alive). */
  List<Process> workers() {
    return List.copyOf(workers);
  }

  /**
   * Starts {@code org.apache.spark.deploy.SparkSubmit} in a JVM of its own, as {@code spark-submit}
   * does (the {@code bin/spark-class} launcher runs that class with the distribution's jars and the
   * driver memory as heap): {@code args} are spark-submit's arguments ({@code --master},
   * {@code --class}, {@code --conf}..., the job jar and its arguments). Standard output and error go
   * to {@code name.out} and {@code name.err} in {@link #logs()}, Spark's log to {@code name.log}.
   */
  Process submit(String name, String driverMemory, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit"));
    command.addAll(args);
    Process driver = launch(home, name, driverMemory, command);
    drivers.add(driver);
    return driver;
  }

  /** The alive executor processes a worker started (its children running Spark's executor). */
  static List<ProcessHandle> executors(Process worker) {
    return worker
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(
            p -> commandLine(p).stream().anyMatch(a -> a.endsWith("CoarseGrainedExecutorBackend")))
        .toList();
  }

  /** The executor id a worker's executor process was started with ({@code --executor-id N}). */
  static Optional<String> executorId(ProcessHandle executor) {
    List<String> args = commandLine(executor);
    int at = args.indexOf("--executor-id");
    return at >= 0 && at + 1 < args.size() ? Optional.of(args.get(at + 1)) : Optional.empty();
  }

  /**
   * A process's command line. From {@code /proc/PID/cmdline} where there is one (Linux): {@code
   * ProcessHandle.Info.arguments()} gives nothing for a command line as long as an executor's (its
   * class path names every jar).
   */
  static List<String> commandLine(ProcessHandle p) {
    Path proc = Path.of("/proc", String.valueOf(p.pid()), "cmdline");
    if (Files.isReadable(proc)) {
      try {
        String all = Files.readString(proc, StandardCharsets.UTF_8);
        return List.of(all.split("\u0000", -1));
      } catch (IOException e) {
        return List.of(); // the process ended
      }
    }
    return p.info().arguments().map(List::of).orElse(List.of());
  }

  /**
   * Sends {@code signal} ({@code STOP}: the process stops where it is, its tasks with it; {@code
   * CONT}: it goes on) to a process with the system's {@code kill} command.
   */
  static void signal(ProcessHandle p, String signal) {
    try {
      int code =
          new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor();
      if (code != 0) {
        throw new IllegalStateException("kill -" + signal + " " + p.pid() + " exited with " + code);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Kills a worker as a machine failure would: its executors and the worker itself at once ({@code
   * SIGKILL}, no shutdown hook), and waits until they are gone.
   *
   * @return the executor processes that were alive when killed
   */
  static List<ProcessHandle> kill(Process worker) {
    List<ProcessHandle> running = executors(worker);
    List<ProcessHandle> all = new ArrayList<>(worker.descendants().toList());
    all.forEach(ProcessHandle::destroyForcibly);
    worker.destroyForcibly();
    for (ProcessHandle p : all) {
      p.onExit().join();
    }
    worker.onExit().join();
    return running;
  }

  /** Stops the drivers, the workers (and their executors) and the master; waits for each to exit. */
  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>();
    for (Process p : drivers) {
      all.addAll(p.descendants().toList());
      all.add(p.toHandle());
    }
    for (Process p : workers) {
      all.addAll(p.descendants().toList());
      all.add(p.toHandle());
    }
    all.add(master.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("process " + p.pid() + " did not stop", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The jars of the test class path that a Spark distribution's {@code jars/} would hold: every jar
   * but this project's modules' ({@code mpi-*}, which reach the executors inside the job jar only)
   * and the test frameworks'.
   */
  static List<Path> sparkJars() {
    // surefire's forked JVM names the test class path here (java.class.path may be its booter jar)
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<Path> jars = new ArrayList<>();
    for (String entry :
        Pattern.compile(Pattern.quote(File.pathSeparator)).splitAsStream(classPath).toList()) {
      Path p = Path.of(entry);
      String s = entry.replace(File.separatorChar, '/');
      if (s.endsWith(".jar")
          && Files.isRegularFile(p)
          && !p.getFileName().toString().startsWith("mpi-")
          && !s.contains("/org/mpindex/")
          && !s.contains("/org/junit/")
          && !s.contains("/net/jqwik/")
          && !s.contains("/org/opentest4j/")
          && !s.contains("/org/apiguardian/")
          && !s.contains("/surefire/")) {
        jars.add(p.toAbsolutePath());
      }
    }
    if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("spark-core_"))) {
      throw new IllegalStateException("no spark-core jar on the test class path");
    }
    return jars;
  }

  /** {@link #sparkJars()} as a class path. */
  static String distClassPath() {
    return String.join(File.pathSeparator, sparkJars().stream().map(Path::toString).toList());
  }

  /** A port nobody listens on now (free again as soon as this returns). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static Process launch(Path home, String name, String heap, List<String> mainAndArgs)
      throws IOException {
    Path logs = home.resolve("logs");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.addAll(JAVA_17_FLAGS);
    command.add(
        "-Dlog4j2.configurationFile="
            + home.resolve("conf").resolve("log4j2-file.properties").toUri());
    command.add("-Dmpi.cluster.log=" + logs.resolve(name + ".log"));
    command.addAll(FAST_START_FLAGS);
    command.add(tmpDirFlag(home));
    command.add("-cp");
    command.add(home.resolve("conf") + File.pathSeparator + distClassPath());
    command.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_CONF_DIR", home.resolve("conf").toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", Files.createDirectories(home.resolve("local")).toString());
    env.put("SPARK_DIST_CLASSPATH", distClassPath());
    env.remove("MPI_DEBUG");
    pb.redirectOutput(logs.resolve(name + ".out").toFile());
    pb.redirectError(logs.resolve(name + ".err").toFile());
    return pb.start();
  }

  private static String log4j(String to) {
    String appender =
        to.equals("file")
            ? """
            appender.main.type = File
            appender.main.name = main
            appender.main.fileName = ${sys:mpi.cluster.log}
            """
            : """
            appender.main.type = Console
            appender.main.name = main
            appender.main.target = SYSTEM_ERR
            """;
    return appender
        + """
        appender.main.layout.type = PatternLayout
        appender.main.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n
        rootLogger.level = warn
        rootLogger.appenderRef.main.ref = main
        # the lines the test and a reader of the logs look for: a task starting on an executor,
        # executors granted, lost and removed, workers registered and lost
        logger.tasks.name = org.apache.spark.scheduler.TaskSetManager
        logger.tasks.level = info
        logger.dag.name = org.apache.spark.scheduler.DAGScheduler
        logger.dag.level = info
        logger.standalone.name = org.apache.spark.scheduler.cluster
        logger.standalone.level = info
        logger.deploy.name = org.apache.spark.deploy
        logger.deploy.level = info
        """;
  }

  private void awaitMaster() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      requireAlive(master, "master");
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(
            new java.net.InetSocketAddress(
                java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), masterPort),
            1000);
        return;
      } catch (IOException e) {
        sleep(100);
      }
    }
    throw new IllegalStateException(
        "the master did not listen within " + START_TIMEOUT.toSeconds() + " s");
  }

  private void awaitAliveWorkers(int n) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      requireAlive(master, "master");
      for (int w = 0; w < workers.size(); w++) {
        requireAlive(workers.get(w), "worker-" + w);
      }
      try {
        last =
            http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .body();
        Matcher m = alive.matcher(last);
        if (m.find() && Integer.parseInt(m.group(1)) >= n) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the cluster started", e);
      }
      sleep(200);
    }
    throw new IllegalStateException(
        "the master did not list "
            + n
            + " alive workers within "
            + START_TIMEOUT.toSeconds()
            + " s; its state: "
            + last.toLowerCase(Locale.ROOT));
  }

  private void requireAlive(Process p, String name) {
    if (!p.isAlive()) {
      String err;
      try {
        err = Files.readString(logs.resolve(name + ".log"));
        err += Files.readString(logs.resolve(name + ".err"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      throw new IllegalStateException(
          "the " + name + " exited with code " + p.exitValue() + " while starting: " + err);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
