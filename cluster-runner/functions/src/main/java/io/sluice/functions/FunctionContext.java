package io.sluice.functions;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The Lambda {@code Context} of one invocation: a fresh request id, the function's name, version
 * ({@code $LATEST}) and memory, the time left before the invocation's deadline, and a logger that
 * writes to SLF4J (stderr). There is no Cognito identity or mobile client context (API Gateway
 * invocations carry none either).
 */
final class FunctionContext implements Context {

  /** The account of the ARN Sluice reports: no real account runs these functions. */
  static final String LOCAL_ACCOUNT = "000000000000";

  static final String LOCAL_REGION = "us-east-1";

  private final String requestId;
  private final FunctionSettings settings;
  private final long deadlineNanos;
  private final LambdaLogger logger;

  FunctionContext(
      String requestId, FunctionSettings settings, long deadlineNanos, LambdaLogger logger) {
    this.requestId = requestId;
    this.settings = settings;
    this.deadlineNanos = deadlineNanos;
    this.logger = logger;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + settings.functionName();
  }

  @Override
  public String getLogStreamName() {
    return "sluice/[$LATEST]local";
  }

  @Override
  public String getFunctionName() {
    return settings.functionName();
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:"
        + LOCAL_REGION
        + ":"
        + LOCAL_ACCOUNT
        + ":function:"
        + settings.functionName();
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
  }

  @Override
  public int getMemoryLimitInMB() {
    return settings.memoryMb();
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
