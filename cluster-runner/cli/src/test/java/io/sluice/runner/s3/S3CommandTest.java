package io.sluice.runner.s3;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.runner.CliOutcome;
import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.EmbeddedS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice s3 ...} in-process, as a user types it, against one {@link EmbeddedS3} for the
 * class. Credentials reach the commands the way they reach any AWS SDK program: here through the
 * SDK's {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties (the environment
 * cannot be set in-process); the endpoint through {@code --s3-endpoint}.
 */
class S3CommandTest {

  @TempDir static Path data;

  @TempDir Path dir;

  private static EmbeddedS3 endpoint;
  private static String url;

  @BeforeAll
  static void start() {
    endpoint = EmbeddedS3.start(data.resolve("s3"), 0);
    url = endpoint.endpoint().toString();
    System.setProperty("aws.accessKeyId", endpoint.accessKey());
    System.setProperty("aws.secretAccessKey", endpoint.secretKey());
  }

  @AfterAll
  static void stop() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (endpoint != null) {
      endpoint.close();
    }
  }

  /** A command against the embedded endpoint: {@code s3 <command...> --s3-endpoint URL}. */
  private static CliOutcome s3(String... args) {
    String[] full = new String[args.length + 3];
    full[0] = "s3";
    System.arraycopy(args, 0, full, 1, args.length);
    full[args.length + 1] = "--s3-endpoint";
    full[args.length + 2] = url;
    return sluice(full);
  }

  private static CliOutcome ok(String... args) {
    CliOutcome o = s3(args);
    assertEquals(ExitCode.OK, o.code, String.join(" ", args) + " -> " + o.err);
    return o;
  }

  private Path file(String name, int size, long seed) throws Exception {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.write(p, bytes);
  }

  @Test
  void everyS3CommandHasHelp() {
    for (String command :
        List.of(
            "mb",
            "rb",
            "ls",
            "cp",
            "rm",
            "sync",
            "versioning",
            "versioning enable",
            "versioning suspend",
            "versioning status",
            "versioning list",
            "policy",
            "policy put",
            "policy get",
            "policy delete",
            "presign",
            "acl",
            "acl set",
            "acl get")) {
      String[] args = ("s3 " + command + " --help").split(" ");
      CliOutcome o = sluice(args);
      assertEquals(0, o.code, command);
      assertTrue(o.out.startsWith("Usage: sluice s3 " + command), o.out);
    }
    // picocli lists the shorter alias first: "--s3-endpoint, --endpoint-url=URL".
    assertTrue(sluice("s3", "cp", "--help").out.contains("--s3-endpoint, --endpoint-url=URL"));
    assertTrue(sluice("s3", "--help").out.contains("presign"), "the group lists its commands");
    CliOutcome bare = sluice("s3");
    assertEquals(ExitCode.BAD_INPUT, bare.code, "a group without a subcommand is a usage error");
    assertTrue(bare.err.contains("presign"), "... naming its commands: " + bare.err);
  }

  @Test
  void makeCopyUpAndDownListAndRemoveRecursively() throws Exception {
    assertEquals("created bucket s3://roundtrip\n", ok("mb", "s3://roundtrip").out);

    Path small = file("small.txt", 1000, 1);
    CliOutcome up = ok("cp", small.toString(), "s3://roundtrip/docs/");
    assertTrue(
        up.out.matches(
            "uploaded 1000 bytes in \\d+\\.\\d s \\(\\d+\\.\\d MiB/s\\): .*small\\.txt -> "
                + "s3://roundtrip/docs/small\\.txt\\n"),
        up.out);

    // Above --multipart-threshold: parallel parts, with a progress bar on stderr.
    Path big = file("big.bin", 11 * 1024 * 1024 + 7, 2);
    CliOutcome multipart =
        ok(
            "cp",
            big.toString(),
            "s3://roundtrip/docs/sub/big.bin",
            "--multipart-threshold",
            "5MiB",
            "--part-size",
            "5MiB",
            "--progress");
    assertTrue(multipart.out.startsWith("uploaded 11534343 bytes in "), multipart.out);
    assertTrue(
        multipart.err.contains("upload big.bin [") && multipart.err.contains("100%"),
        multipart.err);

    CliOutcome ls = ok("ls", "s3://roundtrip/docs/");
    assertTrue(ls.out.lines().anyMatch(l -> l.endsWith(" PRE sub/")), ls.out);
    assertTrue(
        ls.out
            .lines()
            .anyMatch(
                l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +1000 small\\.txt")),
        ls.out);
    CliOutcome recursive = ok("ls", "--recursive", "s3://roundtrip");
    assertEquals(
        List.of("docs/small.txt", "docs/sub/big.bin"),
        recursive.out.lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList());
    assertTrue(ok("ls").out.lines().anyMatch(l -> l.endsWith("  roundtrip")));

    Path downloads = Files.createDirectories(dir.resolve("downloads"));
    CliOutcome down =
        ok(
            "cp",
            "s3://roundtrip/docs/sub/big.bin",
            downloads.toString(),
            "--multipart-threshold",
            "5MiB",
            "--part-size",
            "5MiB");
    assertTrue(down.out.startsWith("downloaded 11534343 bytes in "), down.out);
    assertArrayEquals(Files.readAllBytes(big), Files.readAllBytes(downloads.resolve("big.bin")));

    CliOutcome copy =
        ok("cp", "s3://roundtrip/docs/small.txt", "s3://roundtrip/copies/small-copy.txt");
    assertTrue(copy.out.startsWith("copied 1000 bytes in "), copy.out);

    CliOutcome rm = ok("rm", "--recursive", "s3://roundtrip/docs");
    assertEquals("deleted 2 objects under s3://roundtrip/docs/\n", rm.out);
    assertEquals(
        List.of("copies/small-copy.txt"),
        ok("ls", "-r", "s3://roundtrip")
            .out
            .lines()
            .map(l -> l.substring(l.lastIndexOf(' ') + 1))
            .toList());

    CliOutcome notEmpty = s3("rb", "s3://roundtrip");
    assertEquals(ExitCode.BAD_INPUT, notEmpty.code);
    assertEquals(
        "sluice s3 rb: bucket 'roundtrip' is not empty (it holds s3://roundtrip/copies/small-copy.txt); "
            + "delete its objects first or force the deletion\n",
        notEmpty.err);
    assertEquals("deleted bucket s3://roundtrip\n", ok("rb", "s3://roundtrip", "--force").out);
  }

  @Test
  void missingThingsAreOneLineNamingThemWithExitCode2() throws Exception {
    CliOutcome noBucket = s3("ls", "s3://no-such-bucket/some/prefix/");
    assertEquals(ExitCode.BAD_INPUT, noBucket.code);
    assertEquals(
        "sluice s3 ls: bucket 'no-such-bucket' does not exist at " + url + "\n", noBucket.err);
    assertEquals("", noBucket.out);

    Path local = file("here.txt", 10, 3);
    CliOutcome upToMissing = s3("cp", local.toString(), "s3://no-such-bucket/k");
    assertEquals(ExitCode.BAD_INPUT, upToMissing.code);
    assertEquals(
        "sluice s3 cp: bucket 'no-such-bucket' does not exist at " + url + "\n", upToMissing.err);

    ok("mb", "s3://present");
    CliOutcome noKey = s3("cp", "s3://present/missing.txt", dir.resolve("m.txt").toString());
    assertEquals(ExitCode.BAD_INPUT, noKey.code);
    assertEquals(
        "sluice s3 cp: object s3://present/missing.txt does not exist at " + url + "\n", noKey.err);
    assertFalse(Files.exists(dir.resolve("m.txt")));

    CliOutcome noFile = s3("cp", dir.resolve("absent.bin").toString(), "s3://present/x");
    assertEquals(ExitCode.BAD_INPUT, noFile.code);
    assertEquals(
        "sluice s3 cp: local file "
            + dir.resolve("absent.bin")
            + ": cannot read: no such file or directory\n",
        noFile.err);

    CliOutcome rmMissing = s3("rm", "s3://present/never-was.txt");
    assertEquals(ExitCode.BAD_INPUT, rmMissing.code);
    assertEquals(1, rmMissing.err.lines().count());

    CliOutcome badUri = s3("ls", "s3://Bad_Bucket");
    assertEquals(ExitCode.BAD_INPUT, badUri.code);
    assertTrue(
        badUri.err.startsWith("sluice s3 ls: invalid location 's3://Bad_Bucket': bucket names are"),
        badUri.err);

    CliOutcome usage = sluice("s3", "cp", "only-one-argument");
    assertEquals(ExitCode.BAD_INPUT, usage.code);
  }

  @Test
  void versioningAndPoliciesOnAnEndpointWithoutThemFailWithExitCode1AndSaySo() throws Exception {
    ok("mb", "s3://unversioned");
    CliOutcome enable = s3("versioning", "enable", "s3://unversioned");
    assertEquals(ExitCode.JOB_FAILED, enable.code);
    assertEquals(
        "sluice s3 versioning enable: the S3 endpoint "
            + url
            + " does not implement bucket versioning (HTTP 501 NotImplemented)\n",
        enable.err);

    Path policy =
        Files.writeString(
            dir.resolve("policy.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    CliOutcome put = s3("policy", "put", "s3://unversioned", policy.toString());
    assertEquals(ExitCode.JOB_FAILED, put.code);
    assertEquals(
        "sluice s3 policy put: the S3 endpoint "
            + url
            + " does not implement bucket policies (HTTP 501 NotImplemented)\n",
        put.err);

    CliOutcome get = ok("policy", "get", "s3://unversioned");
    assertEquals("", get.out);
    assertEquals("sluice s3 policy get: s3://unversioned has no bucket policy\n", get.err);
  }

  @Test
  void unreachableEndpointIsExplained() {
    CliOutcome o = sluice("s3", "ls", "--s3-endpoint", "http://127.0.0.1:9", "s3://some-bucket");
    assertEquals(ExitCode.BAD_INPUT, o.code, o.err);
    assertEquals(1, o.err.lines().count(), "[" + o.err + "]");
    assertTrue(
        o.err.startsWith("sluice s3 ls: cannot reach the S3 endpoint http://127.0.0.1:9: "), o.err);
  }

  @Test
  void syncUploadsNewAndChangedFilesOnly() throws Exception {
    ok("mb", "s3://synced");
    Path tree = dir.resolve("tree");
    file("tree/a.txt", 100, 1);
    file("tree/sub/b.txt", 200, 2);
    file("tree/sub/deeper/c.bin", 6 * 1024 * 1024, 3);
    String[] sync = {
      "sync",
      tree.toString(),
      "s3://synced/backup",
      "--multipart-threshold",
      "5MiB",
      "--part-size",
      "5MiB"
    };

    CliOutcome first = ok(sync);
    assertTrue(
        first.out.contains(
            "sync: uploaded 3 files (" + (300 + 6 * 1024 * 1024) + " bytes), 0 unchanged"),
        first.out);
    assertTrue(first.out.contains("-> s3://synced/backup/sub/deeper/c.bin (new)"), first.out);

    CliOutcome again = ok(sync);
    assertTrue(again.out.startsWith("sync: uploaded 0 files (0 bytes), 3 unchanged"), again.out);

    // Same size, different bytes: found by the content hash, not the size.
    file("tree/sub/b.txt", 200, 99);
    file("tree/new.txt", 5, 4);
    CliOutcome changed = ok(sync);
    assertTrue(changed.out.contains("sub/b.txt (content changed)"), changed.out);
    assertTrue(changed.out.contains("new.txt (new)"), changed.out);
    assertTrue(
        changed.out.contains("sync: uploaded 2 files (205 bytes), 2 unchanged"), changed.out);
  }

  @Test
  void presignedUrlsAndCannedAcls() throws Exception {
    ok("mb", "s3://shared");
    Path doc = Files.writeString(dir.resolve("doc.txt"), "shared text");
    ok("cp", doc.toString(), "s3://shared/doc.txt");

    String get = ok("presign", "get", "s3://shared/doc.txt", "--expires", "15m").out.strip();
    assertTrue(get.startsWith(url + "/shared/doc.txt?") && get.contains("X-Amz-Expires=900"), get);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(get)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    assertEquals("shared text", response.body());

    String put = ok("presign", "put", "s3://shared/upload.txt").out.strip();
    assertEquals(
        200,
        http.send(
                HttpRequest.newBuilder(URI.create(put))
                    .PUT(HttpRequest.BodyPublishers.ofString("via url"))
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode());
    Path back = dir.resolve("back.txt");
    ok("cp", "s3://shared/upload.txt", back.toString());
    assertEquals("via url", Files.readString(back, StandardCharsets.UTF_8));
    assertEquals(
        ExitCode.BAD_INPUT, s3("presign", "get", "s3://shared/doc.txt", "--expires", "30d").code);

    assertTrue(ok("acl", "get", "s3://shared/doc.txt").out.contains("public read: no"));
    assertEquals(
        "set ACL public-read on s3://shared/doc.txt\n",
        ok("acl", "set", "s3://shared/doc.txt", "public-read").out);
    assertTrue(ok("acl", "get", "s3://shared/doc.txt").out.contains("public read: yes"));
    assertEquals(
        200,
        http.send(
                HttpRequest.newBuilder(URI.create(url + "/shared/doc.txt")).build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode(),
        "anonymous GET of a public-read object");
    CliOutcome badAcl = s3("acl", "set", "s3://shared", "world-writable");
    assertEquals(ExitCode.BAD_INPUT, badAcl.code);
    assertTrue(
        badAcl.err.startsWith(
            "sluice s3 acl set: unknown canned ACL 'world-writable'; use one of private, "),
        badAcl.err);
  }

  /** The relative keys under s3://BUCKET/PREFIX/, in key order. */
  private static List<String> keys(String bucket, String prefix) {
    String listed = "s3://" + bucket + "/" + prefix + "/";
    return ok("ls", "-r", listed)
        .out
        .lines()
        .map(l -> l.substring(l.lastIndexOf(' ') + 1).substring(prefix.length() + 1))
        .toList();
  }

  @Test
  void syncDeletesFiltersAndDryRunsAsAwsCliDoes() throws Exception {
    ok("mb", "s3://mirror");
    Path tree = dir.resolve("site");
    file("site/a.txt", 10, 1);
    file("site/data/b.csv", 20, 2);
    file("site/logs/x.log", 30, 3);
    Path old = file("old/stale.txt", 5, 4);
    Path log = file("old/keep.log", 6, 5);
    ok("cp", old.toString(), "s3://mirror/www/stale.txt");
    ok("cp", log.toString(), "s3://mirror/www/keep.log");
    String[] sync = {"sync", tree.toString(), "s3://mirror/www", "--delete", "--exclude", "*.log"};

    CliOutcome dry = ok(concat(sync, "--dryrun"));
    assertEquals(
        List.of(
            "(dryrun) upload: " + tree.resolve("a.txt") + " -> s3://mirror/www/a.txt (new)",
            "(dryrun) upload: "
                + tree.resolve("data/b.csv")
                + " -> s3://mirror/www/data/b.csv (new)",
            "(dryrun) delete: s3://mirror/www/stale.txt"),
        dry.out.lines().toList());
    assertEquals(List.of("keep.log", "stale.txt"), keys("mirror", "www"), "dryrun changes nothing");

    CliOutcome real = ok(sync);
    assertTrue(real.out.contains("delete: s3://mirror/www/stale.txt\n"), real.out);
    assertTrue(
        real.out.contains("sync: uploaded 2 files (30 bytes), 0 unchanged, 1 deleted, in "),
        real.out);
    // *.log is excluded on both sides: logs/x.log is not uploaded, keep.log not deleted.
    assertEquals(List.of("a.txt", "data/b.csv", "keep.log"), keys("mirror", "www"));

    // Later filters win: everything excluded, then the CSV files taken back.
    file("site/data/b.csv", 21, 6);
    file("site/a.txt", 11, 7);
    CliOutcome csvOnly =
        ok("sync", tree.toString(), "s3://mirror/www", "--exclude", "*", "--include", "*.csv");
    assertTrue(
        csvOnly.out.startsWith(
            "upload: "
                + tree.resolve("data/b.csv")
                + " -> s3://mirror/www/data/b.csv (size changed)\nsync: uploaded 1 file (21 bytes), 0 unchanged, in "),
        csvOnly.out);
    CliOutcome badFilter =
        sluice("s3", "sync", tree.toString(), "s3://mirror/www", "--s3-endpoint", url, "--exclude");
    assertEquals(ExitCode.BAD_INPUT, badFilter.code);
    assertEquals(1, badFilter.err.lines().count(), badFilter.err);
  }

  @Test
  void copyRefusesAKeyWhoseNameWouldBeTheTargetsParent() {
    // Refused before any request: "up/.." as a file name would be the directory's parent.
    Path target = dir.resolve("target");
    CliOutcome cp = s3("cp", "s3://any-bucket/pre/up/..", target + "/");
    assertEquals(ExitCode.BAD_INPUT, cp.code, cp.out + cp.err);
    assertEquals(1, cp.err.lines().count(), cp.err);
    assertTrue(cp.err.contains("object key 'pre/up/..' has no file name"), cp.err);
  }

  @Test
  void syncDownloadsAndCopiesBetweenPrefixes() throws Exception {
    ok("mb", "s3://source");
    Path tree = dir.resolve("up");
    Path a = file("up/a.txt", 100, 1);
    Path c = file("up/sub/c.bin", 6 * 1024 * 1024, 2);
    ok(
        "sync",
        tree.toString(),
        "s3://source/p",
        "--multipart-threshold",
        "5MiB",
        "--part-size",
        "5MiB");

    Path down = dir.resolve("down");
    file("down/extra.txt", 3, 3);
    CliOutcome pulled =
        ok(
            "sync",
            "s3://source/p/",
            down.toString(),
            "--delete",
            "--multipart-threshold",
            "5MiB",
            "--part-size",
            "5MiB");
    assertTrue(
        pulled.out.contains("download: s3://source/p/a.txt -> " + down.resolve("a.txt") + " (new)"),
        pulled.out);
    assertTrue(pulled.out.contains("delete: " + down.resolve("extra.txt")), pulled.out);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(down.resolve("a.txt")));
    assertArrayEquals(Files.readAllBytes(c), Files.readAllBytes(down.resolve("sub/c.bin")));
    assertFalse(Files.exists(down.resolve("extra.txt")));
    CliOutcome unchanged =
        ok(
            "sync",
            "s3://source/p",
            down.toString(),
            "--multipart-threshold",
            "5MiB",
            "--part-size",
            "5MiB");
    assertTrue(
        unchanged.out.startsWith("sync: downloaded 0 files (0 bytes), 2 unchanged, in "),
        unchanged.out);

    ok("mb", "s3://copies");
    CliOutcome copied = ok("sync", "s3://source/p", "s3://copies/q");
    assertTrue(
        copied.out.contains("copy: s3://source/p/a.txt -> s3://copies/q/a.txt (new)"), copied.out);
    assertEquals(List.of("a.txt", "sub/c.bin"), keys("copies", "q"));
    assertTrue(
        ok("sync", "s3://source/p", "s3://copies/q")
            .out
            .startsWith("sync: copied 0 files (0 bytes), 2 unchanged"));

    CliOutcome local = s3("sync", tree.toString(), down.toString());
    assertEquals(ExitCode.BAD_INPUT, local.code);
    assertEquals(
        "sluice s3 sync: sync needs an s3:// source or destination; for two local directories use rsync\n",
        local.err);
  }

  @Test
  void presignTakesAwsCliFormWithExpiryInSecondsUpTo7Days() throws Exception {
    ok("mb", "s3://signed");
    Path doc = Files.writeString(dir.resolve("signed.txt"), "signed text");
    ok("cp", doc.toString(), "s3://signed/doc.txt");

    String url2m = ok("presign", "s3://signed/doc.txt", "--expires-in", "120").out.strip();
    assertTrue(url2m.contains("X-Amz-Expires=120"), url2m);
    HttpResponse<String> got =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url2m)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, got.statusCode());
    assertEquals("signed text", got.body());

    assertTrue(ok("presign", "s3://signed/doc.txt").out.contains("X-Amz-Expires=3600"));
    assertTrue(
        ok("presign", "s3://signed/doc.txt", "--expires-in", "604800")
            .out
            .contains("X-Amz-Expires=604800"));
    for (String tooLong : List.of("604801", "0")) {
      CliOutcome refused = s3("presign", "s3://signed/doc.txt", "--expires-in", tooLong);
      assertEquals(ExitCode.BAD_INPUT, refused.code, tooLong);
      assertEquals(
          "sluice s3 presign: --expires-in: a presigned URL works for 1 to 604800 seconds (7 days), not "
              + tooLong
              + "\n",
          refused.err);
    }
  }

  @Test
  void lsPrintsOneJsonObjectPerLine() throws Exception {
    ok("mb", "s3://listed");
    Path one = file("listed/one.txt", 42, 1);
    ok("cp", one.toString(), "s3://listed/d/one.txt");
    ok("cp", one.toString(), "s3://listed/d/sub/two.txt");
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new java.util.ArrayList<>();
    for (String line : ok("ls", "s3://listed/d/", "--json", "--summarize").out.lines().toList()) {
      lines.add(json.readTree(line));
    }
    assertEquals("d/sub/", lines.get(0).get("prefix").asText());
    assertEquals("d/one.txt", lines.get(1).get("key").asText());
    assertTrue(lines.get(1).get("size").isNumber());
    assertEquals(42, lines.get(1).get("size").asLong());
    assertEquals(1, lines.get(2).get("totalObjects").asLong());
    assertEquals(42, lines.get(2).get("totalSize").asLong());

    // Before the command, as a global option, too.
    CliOutcome buckets = sluice("--json", "s3", "ls", "--s3-endpoint", url);
    assertEquals(ExitCode.OK, buckets.code, buckets.err);
    boolean found = false;
    for (String line : buckets.out.lines().toList()) {
      found |= json.readTree(line).get("bucket").asText().equals("listed");
    }
    assertTrue(found, buckets.out);
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
