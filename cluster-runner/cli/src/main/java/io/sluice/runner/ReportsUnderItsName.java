package io.sluice.runner;

/**
 * Marks a command whose failures are reported under its own name ({@code sluice s3 cp: ...}), as
 * the endpoint tools ({@code s3}, {@code kv}, {@code services}) print them; other commands report
 * as {@code sluice: ...}, and call a failure that is not the user's a failed job.
 */
public interface ReportsUnderItsName {}
