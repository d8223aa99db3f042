package io.sluice.runner.k8s;

import io.sluice.jobs.BadInputException;
import io.sluice.storage.ByteSize;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code sluice k8s manifests} writes for one job, validated: names are DNS-1123 labels,
 * memory sizes parse, config and secrets are only referenced by name.
 *
 * @param applicationJar the Spark application jar's path in the image (Sluice's jobs jar, or the
 *     user's jar the job comes from)
 * @param userJars the paths in the image of the user's jars ({@code sluice package --jar}), in
 *     order; empty for a job of the image's own
 */
public record ManifestSpec(
    String job,
    List<String> jobArgs,
    String image,
    String namespace,
    String serviceAccount,
    List<String> configMaps,
    List<String> secrets,
    List<Mount> mounts,
    long driverMemoryMiB,
    int driverCores,
    long executorMemoryMiB,
    int executorCores,
    int executors,
    String sparkVersion,
    String applicationJar,
    List<String> userJars) {

  /** A volume mounted into the job's containers: a host directory (single node) or a claim. */
  public record Mount(String name, Kind kind, String source, String mountPath, boolean readOnly) {
    public enum Kind {
      HOST_PATH,
      CLAIM
    }

    /** {@code host:/srv/in:/data/in[:ro]} or {@code pvc:CLAIM:/data/out[:ro]}. */
    public static Mount parse(String text, int index) {
      String[] parts = text.split(":");
      boolean ro = parts.length == 4 && parts[3].equals("ro");
      if ((parts.length != 3 && !ro)
          || !(parts[0].equals("host") || parts[0].equals("pvc"))
          || !parts[2].startsWith("/")) {
        throw new BadInputException(
            "--mount '"
                + text
                + "': use host:HOST_DIR:MOUNT_PATH[:ro]"
                + " or pvc:CLAIM:MOUNT_PATH[:ro] (MOUNT_PATH absolute)");
      }
      Kind kind = parts[0].equals("host") ? Kind.HOST_PATH : Kind.CLAIM;
      if (kind == Kind.HOST_PATH && !parts[1].startsWith("/")) {
        throw new BadInputException("--mount '" + text + "': the host directory must be absolute");
      }
      if (kind == Kind.CLAIM) {
        dnsLabel(parts[1], "--mount claim name");
      }
      return new Mount("data-" + index, kind, parts[1], parts[2], ro);
    }
  }

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public ManifestSpec {
    jobArgs = List.copyOf(jobArgs);
    userJars = List.copyOf(userJars);
    configMaps = List.copyOf(configMaps);
    secrets = List.copyOf(secrets);
    mounts = List.copyOf(mounts);
    if (image == null || image.isBlank()) {
      throw new BadInputException(
          "--image is required: the image `sluice package` built, e.g. registry/sluice-jobs:0.1.0");
    }
    dnsLabel(namespace, "--namespace");
    dnsSubdomain(serviceAccount, "--service-account");
    configMaps.forEach(c -> dnsSubdomain(c, "--config-map"));
    secrets.forEach(s -> dnsSubdomain(s, "--secret"));
    if (driverCores < 1 || executorCores < 1 || executors < 1) {
      throw new BadInputException(
          "--driver-cores, --executor-cores and --executors must be at least 1");
    }
  }

  /** The name of both objects: {@code sluice-JOB}. */
  public String objectName() {
    return "sluice-" + job.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
  }

  /**
   * Spark-style sizes ({@code 512m}, {@code 2g}, {@code 1024}) in MiB; plain numbers are MiB, as in
   * Spark (see ByteSize).
   */
  public static long parseMemoryMiB(String text, String option) {
    long mib;
    try {
      mib = ByteSize.parseMiB(text);
    } catch (NumberFormatException e) {
      throw new BadInputException(
          option + " '" + text + "' is not a memory size; use e.g. 512m or 2g");
    }
    if (mib < 256) {
      throw new BadInputException(
          option + " '" + text + "' is below 256 MiB, too little for a Spark JVM");
    }
    return mib;
  }

  /**
   * Spark on Kubernetes adds max(384 MiB, 10%) for off-heap use; the pod asks for heap plus that.
   */
  static long withOverheadMiB(long heapMiB) {
    return heapMiB + Math.max(384, heapMiB / 10);
  }

  static void dnsLabel(String value, String option) {
    if (value == null || !DNS_LABEL.matcher(value).matches()) {
      throw new BadInputException(
          option
              + " '"
              + value
              + "' is not a valid Kubernetes name:"
              + " lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit");
    }
  }

  static void dnsSubdomain(String value, String option) {
    if (value == null || value.length() > 253 || !value.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      throw new BadInputException(
          option
              + " '"
              + value
              + "' is not a valid Kubernetes name:"
              + " lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
    }
  }
}
