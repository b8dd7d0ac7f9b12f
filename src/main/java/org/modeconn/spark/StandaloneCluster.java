package org.modeconn.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark standalone cluster on this machine, as {@code sbin/start-master.sh} and {@code start-worker.sh} would make
 * it: a master and workers as JVMs of their own on 127.0.0.1, whose executors are JVMs again, launched from a
 * SPARK_HOME laid out as a distribution (RELEASE and jars/) over the given Spark jars. For the cluster test and the
 * Spark benchmark; it owns its processes and kills them when closed.
 */
public final class StandaloneCluster implements AutoCloseable {

    private final List<Process> workers = new ArrayList<>();
    private final Process master;
    private final String url;
    private final Path dir;

    private StandaloneCluster(Process master, String url, Path dir) {
        this.master = master;
        this.url = url;
        this.dir = dir;
    }

    /**
     * Starts a master and {@code workers} workers of {@code cores} cores and {@code memory} (as "3g") each.
     *
     * @param sparkJars the jars of Spark and what it needs
     * @param dir where SPARK_HOME, the workers' folders, their scratch space and the logs go: emptied first, so that
     *        what killed executors leave behind does not pile up from one cluster to the next
     */
    public static StandaloneCluster start(List<Path> sparkJars, Path dir, int workers, int cores, String memory)
            throws IOException, InterruptedException {
        deleteTree(dir);
        Path home = sparkHome(sparkJars, dir.resolve("home"));
        String classpath = String.join(File.pathSeparator, sparkJars.stream().map(Path::toString).toList());
        int port = freePort();
        Process master = start(home, classpath, dir, "master", "org.apache.spark.deploy.master.Master", "--host",
            "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        StandaloneCluster cluster = new StandaloneCluster(master, "spark://127.0.0.1:" + port, dir);
        try {
            waitForPort(port);
            for (int i = 1; i <= workers; i++) {
                Path work = dir.resolve("worker-" + i);
                Files.createDirectories(work);
                cluster.workers.add(start(home, classpath, dir, "worker-" + i,
                    "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", String.valueOf(cores),
                    "--memory", memory, "--webui-port", String.valueOf(freePort()), "--work-dir", work.toString(),
                    cluster.url));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The jars of this JVM's class path (Spark's among them, where it runs with Spark). */
    public static List<Path> jarsOfThisClassPath() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                jars.add(Paths.get(entry).toAbsolutePath());
            }
        }
        return jars;
    }

    /** The master's URL, spark://127.0.0.1:PORT. */
    public String url() {
        return url;
    }

    /** Kills worker {@code index} (from 1) and its executors, as a machine that goes away. */
    public void killWorker(int index) {
        Process worker = workers.get(index - 1);
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly();
    }

    /** Whether worker {@code index} (from 1) still runs. */
    public boolean workerAlive(int index) {
        return workers.get(index - 1).isAlive();
    }

    @Override
    public void close() {
        List<ProcessHandle> processes = new ArrayList<>();
        for (Process p : workers) {
            p.descendants().forEach(processes::add);
            processes.add(p.toHandle());
        }
        processes.add(master.toHandle());
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // a process that does not end keeps its files; the rest are still removed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        removeCopies();
    }

    /**
     * Removes what the executors copied (the application jar, once per executor, and their scratch space), which
     * no one else deletes; the logs stay.
     */
    private void removeCopies() {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && p.getFileName().toString().endsWith(".jar")).toList()) {
                Files.deleteIfExists(p);
            }
            deleteTree(dir.resolve("scratch"));
        } catch (IOException e) {
            System.err.println("warning: the Spark cluster's copies in " + dir + " were not all removed: "
                + e.getMessage());
        }
    }

    private static Path sparkHome(List<Path> jars, Path home) throws IOException {
        Path dir = home.resolve("jars");
        Files.createDirectories(dir);
        Files.writeString(home.resolve("RELEASE"), "Spark for a standalone cluster on this machine\n");
        for (Path jar : jars) {
            Path link = dir.resolve(jar.getFileName());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, jar);
            }
        }
        return home;
    }

    private static Process start(Path home, String classpath, Path dir, String name, String mainClass,
            String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx512m", "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // as a distribution's launcher scripts set it (else Spark looks for the build directories of its sources)
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        // executors copy the application jar into their scratch space; a killed one never deletes it
        Path scratch = dir.resolve("scratch");
        Files.createDirectories(scratch);
        pb.environment().put("SPARK_LOCAL_DIRS", scratch.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(name + ".log").toFile());
        return pb.start();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Spark master did not listen on port " + port + " within 60 s");
    }
}
