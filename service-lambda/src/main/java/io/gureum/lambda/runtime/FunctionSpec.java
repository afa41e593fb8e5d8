package io.gureum.lambda.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * What it takes to run one version of a function ($LATEST or a published number): the control plane
 * builds it from the function's configuration, the runner starts execution environments from it.
 *
 * @param functionName     the function's name
 * @param functionArn      the unqualified function ARN
 * @param version          {@code $LATEST} or the version number
 * @param runtime          AWS's runtime identifier ({@code python3.12}, {@code nodejs20.x}, {@code provided.al2023} …)
 * @param handler          the handler setting ({@code app.handler}); ignored by {@code provided} runtimes
 * @param codeDirectory    the deployment package, unzipped (read-only for the runner)
 * @param environment      the function's environment variables
 * @param timeoutSeconds   1–900
 * @param memorySize       MB, 128–10,240
 * @param region           the function's region
 * @param account          the function's account
 * @param logGroupName     {@code /aws/lambda/<name>}
 * @param codeSha256       identifies the code; with {@code version} and {@code revisionId} it tells
 *                         a runner when a warm environment is stale
 * @param revisionId       changes on every update of code or configuration
 * @param optDirectory     the function's layers extracted in order (Lambda's {@code /opt}), or null
 */
public record FunctionSpec(
        String functionName,
        String functionArn,
        String version,
        String runtime,
        String handler,
        Path codeDirectory,
        Map<String, String> environment,
        int timeoutSeconds,
        int memorySize,
        String region,
        String account,
        String logGroupName,
        String codeSha256,
        String revisionId,
        Path optDirectory) {

    /** A function without layers. */
    public FunctionSpec(String functionName, String functionArn, String version, String runtime, String handler,
            Path codeDirectory, Map<String, String> environment, int timeoutSeconds, int memorySize, String region,
            String account, String logGroupName, String codeSha256, String revisionId) {
        this(functionName, functionArn, version, runtime, handler, codeDirectory, environment, timeoutSeconds,
                memorySize, region, account, logGroupName, codeSha256, revisionId, null);
    }
}
