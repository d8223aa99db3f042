package io.sluice.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceProcess;
import io.sluice.testing.StandaloneCluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the cluster commands must refuse with exit code 2 and one line naming the problem,
 * starting nothing and leaving no process behind.
 */
class ClusterBadInputIT {

  private static final long TIMEOUT = 300;

  @TempDir Path dir;

  @Test
  void masterPortInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Path runDir = dir.resolve("run");
      SluiceProcess.Result r = refusedUp(taken.getLocalPort(), runDir, "--workers", "1");
      assertTrue(
          r.stderr()
              .contains(
                  "sluice: --master-port "
                      + taken.getLocalPort()
                      + " is already in use on 127.0.0.1"),
          r.stderr());
      assertEquals(List.of(), ClusterFixtures.processesMentioning(runDir));
      assertTrue(Files.notExists(runDir.resolve("state.properties")));
    }
  }

  @Test
  void moreWorkersThanMemoryAllows() throws Exception {
    SluiceProcess.Result r =
        refusedUp(
            StandaloneCluster.freePort(),
            dir.resolve("run"),
            "--workers",
            "64",
            "--worker-memory",
            "64g");
    assertTrue(
        r.stderr()
            .matches(
                "(?s).*sluice: --workers 64 x --worker-memory 65536m needs [0-9.]+ GiB .*"
                    + "but this machine has [0-9.]+ GiB; at most \\d+ such workers fit.*"),
        r.stderr());
  }

  @Test
  void downStatusAndScaleWithNothingRunning() throws Exception {
    Path runDir = dir.resolve("nothing-here");
    for (String[] args :
        List.of(
            new String[] {"cluster", "down", "--run-dir", runDir.toString()},
            new String[] {"cluster", "status", "--run-dir", runDir.toString()},
            new String[] {"cluster", "scale", "2", "--run-dir", runDir.toString()})) {
      SluiceProcess.Result r = refused(args);
      assertTrue(r.stderr().contains("sluice: no cluster is running from " + runDir), r.stderr());
    }
  }

  @Test
  void submitToAnUnreachableMaster() throws Exception {
    int port = StandaloneCluster.freePort();
    SluiceProcess.Result r =
        refused(
            "submit",
            "--master",
            "spark://127.0.0.1:" + port,
            "wordcount",
            "--input",
            dir.toString(),
            "--output",
            dir.resolve("out").toString());
    assertTrue(
        r.stderr()
            .contains(
                "sluice: master spark://127.0.0.1:" + port + " is unreachable: Connection refused"),
        r.stderr());
  }

  @Test
  void submitAnUnknownJobOrToAnUnknownMaster() throws Exception {
    SluiceProcess.Result unknown = refused("submit", "--master", "local[2]", "nosuchjob");
    assertTrue(
        unknown.stderr().contains("sluice: unknown job 'nosuchjob'; registered jobs: "),
        unknown.stderr());

    SluiceProcess.Result master =
        refused(
            "submit",
            "--master",
            "mesos://x:5050",
            "wordcount",
            "--input",
            dir.toString(),
            "--output",
            dir.resolve("o").toString());
    assertTrue(
        master.stderr().contains("--master 'mesos://x:5050' is not one of"), master.stderr());

    SluiceProcess.Result noImage =
        refused(
            "submit",
            "--master",
            "k8s://https://127.0.0.1:6443",
            "wordcount",
            "--input",
            "/in",
            "--output",
            "/out");
    assertTrue(noImage.stderr().contains("needs --image NAME:TAG"), noImage.stderr());
  }

  /** {@code sluice ARGS} in the test's directory, which must refuse them as bad input (exit 2). */
  private SluiceProcess.Result refused(String... args) throws Exception {
    SluiceProcess.Result r = SluiceProcess.cli(args).workDir(dir).timeoutSeconds(TIMEOUT).run();
    assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.all());
    return r;
  }

  /** {@code sluice cluster up OPTIONS} on the given master port and a free UI port, refused. */
  private SluiceProcess.Result refusedUp(int masterPort, Path runDir, String... options)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("cluster", "up"));
    args.addAll(List.of(options));
    args.addAll(
        List.of(
            "--master-port",
            "" + masterPort,
            "--ui-port",
            "" + StandaloneCluster.freePort(),
            "--run-dir",
            runDir.toString()));
    return refused(args.toArray(String[]::new));
  }
}
