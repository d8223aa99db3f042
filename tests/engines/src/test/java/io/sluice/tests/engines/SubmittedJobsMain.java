package io.sluice.tests.engines;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main class {@link SubmittedJobs} gives {@code spark-submit}: runs the job jar's {@code
 * SparkJobMain} once per job, in this one driver JVM, so several jobs pay for one JVM and one
 * SparkSubmit start-up. Arguments: each job's {@code SparkJobMain} arguments, jobs separated by
 * {@value #NEXT}. Before each job it prints {@value #HEADER} and the job's name on stdout.
 *
 * <p>It is on the JVM's own classpath, the job jar only in SparkSubmit's class loader (the thread's
 * context loader), so {@code SparkJobMain} is looked up there, as SparkSubmit itself does.
 */
public final class SubmittedJobsMain {

  static final String NEXT = "--next-job";
  static final String HEADER = "submitted job: ";

  private SubmittedJobsMain() {}

  public static void main(String[] args) throws Exception {
    Method sparkJobMain =
        Class.forName(
                "io.sluice.jobs.spark.SparkJobMain",
                true,
                Thread.currentThread().getContextClassLoader())
            .getMethod("main", String[].class);
    List<String> failed = new ArrayList<>();
    for (List<String> job : jobs(args)) {
      System.out.println(HEADER + job.get(0));
      System.out.flush();
      try {
        sparkJobMain.invoke(null, (Object) job.toArray(String[]::new));
      } catch (InvocationTargetException e) {
        // The other jobs still run: each test reads its own job's section.
        System.err.println(HEADER + job.get(0) + " failed:");
        e.getCause().printStackTrace();
        failed.add(job.get(0));
      }
      System.out.flush();
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException("jobs failed: " + failed);
    }
  }

  private static List<List<String>> jobs(String[] args) {
    List<List<String>> jobs = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String arg : Arrays.asList(args)) {
      if (arg.equals(NEXT)) {
        jobs.add(current);
        current = new ArrayList<>();
      } else {
        current.add(arg);
      }
    }
    jobs.add(current);
    return jobs;
  }
}
