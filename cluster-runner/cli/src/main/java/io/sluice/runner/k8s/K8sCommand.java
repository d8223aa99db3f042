package io.sluice.runner.k8s;

import io.sluice.runner.CommandGroup;
import picocli.CommandLine.Command;

/** {@code sluice k8s}: Kubernetes objects for the jobs' image. */
@Command(
    name = "k8s",
    description = "Kubernetes manifests for the jobs' image.",
    subcommands = {ManifestsCommand.class})
public final class K8sCommand extends CommandGroup {}
