package org.modeconn.cli;

import java.lang.reflect.InvocationTargetException;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.work.WorkRunner;
import picocli.CommandLine.Option;

/**
 * {@code --spark [MASTER]}: a command's independent items (grid points, pairs, seeds) as the tasks of a Spark job
 * instead of this process's workers. Spark is the user's installation's: the command runs from the Spark
 * application jar ({@code target/modeconn-spark.jar}) under {@code spark-submit}, or with Spark's jars on the class
 * path; the runner is made by name so that the plain command-line jar, which has no Spark, still starts.
 */
public final class SparkOption {

    /** What {@code --spark} alone stands for: the master from Spark's configuration (spark-submit's). */
    static final String FROM_CONFIGURATION = "from-configuration";
    private static final String RUNNER = "org.modeconn.spark.SparkRunner";

    @Option(names = "--spark", arity = "0..1", fallbackValue = FROM_CONFIGURATION, paramLabel = "MASTER",
        description = "Run the items as Spark tasks: local[N] (Spark in this command), spark://HOST:PORT (a "
            + "standalone cluster), or nothing under spark-submit (its master). Needs Spark on the class path.")
    String master;

    /** Whether Spark was asked for. */
    boolean asked() {
        return master != null;
    }

    /**
     * The runner of the items: {@code inProcess} unless Spark was asked for, else a Spark context started for this
     * command (close it with {@link #close}).
     */
    WorkRunner runner(WorkRunner inProcess, String command) {
        if (master == null) {
            return inProcess;
        }
        Class<?> type = sparkClass(RUNNER, command);
        String given = master.equals(FROM_CONFIGURATION) ? null : master;
        if (given == null && System.getProperty("spark.master") == null) {
            throw new InvalidInputException("--spark without a master needs one from Spark's configuration, and "
                + "there is none (spark-submit gives it).", "Give the master: --spark local[2] for Spark in this "
                    + "command, --spark spark://HOST:7077 for a standalone cluster; or start the command with "
                    + "spark-submit --master ….");
        }
        try {
            return (WorkRunner) type.getMethod("start", String.class, String.class).invoke(null, given,
                "modeconn " + command);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidInputException bad) {
                throw bad;
            }
            throw new InvalidInputException("Spark did not start with master " + (given == null ? System.getProperty(
                "spark.master") : given) + ": " + cause.getMessage(), cause, "Check the master URL (local[N], or "
                    + "spark://HOST:PORT of a running master) and that the master can be reached from here.");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Spark runner of this build does not start", e);
        }
    }

    /**
     * Loads {@code className}, a class of this build's Spark part, or says how to run {@code command} with Spark
     * where Spark is not on the class path.
     */
    static Class<?> sparkClass(String className, String command) {
        try {
            Class.forName("org.apache.spark.SparkConf");
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new InvalidInputException("--spark asks for Apache Spark, which is not on this command's class path.",
                "Run the Spark application jar with Spark's own launcher: spark-submit --master local[2] --class "
                    + ModeConnCli.class.getName() + " target/modeconn-spark.jar " + command + " … --spark",
                "Or put Spark's jars on the class path: java -cp \"target/modeconn-spark.jar:$SPARK_HOME/jars/*\" "
                    + ModeConnCli.class.getName() + " " + command + " … --spark local[2].");
        }
    }

    /** Stops a Spark context this option started; nothing for this process's runner. */
    static void close(WorkRunner runner) {
        if (runner instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("warning: stopping Spark: " + e.getMessage());
            }
        }
    }
}
