package io.gureum.lambda;

import software.amazon.awssdk.services.lambda.model.GetFunctionRecursionConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionRecursionConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetRuntimeManagementConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetRuntimeManagementConfigResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionRecursionConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionRecursionConfigResponse;
import software.amazon.awssdk.services.lambda.model.PutRuntimeManagementConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutRuntimeManagementConfigResponse;

/**
 * Provider of two per-function settings kept as configuration:
 * <ul>
 * <li>recursive loop detection (https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html):
 * {@code RecursiveLoop} {@code Terminate} (the default) or {@code Allow}. Gureum does not trace
 * invocation chains, so it never stops a loop;</li>
 * <li>runtime management (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html):
 * {@code UpdateRuntimeOn} {@code Auto} (the default), {@code FunctionUpdate} or {@code Manual} with a
 * {@code RuntimeVersionArn}, per version. Gureum runs the machine's interpreter whatever is pinned.</li>
 * </ul>
 */
final class FunctionSettings {
    private final FunctionLookup lookup;

    FunctionSettings(FunctionLookup lookup) {
        this.lookup = lookup;
    }

    public PutFunctionRecursionConfigResponse putFunctionRecursionConfig(PutFunctionRecursionConfigRequest r) {
        LambdaFunction f = lookup.require(r.functionName());
        f.recursiveLoop = r.recursiveLoopAsString();
        return PutFunctionRecursionConfigResponse.builder().recursiveLoop(f.recursiveLoop).build();
    }

    public GetFunctionRecursionConfigResponse getFunctionRecursionConfig(GetFunctionRecursionConfigRequest r) {
        return GetFunctionRecursionConfigResponse.builder()
                .recursiveLoop(lookup.require(r.functionName()).recursiveLoop).build();
    }

    /**
     * {@code Manual} needs a {@code RuntimeVersionArn} and the other modes take none (the API reference's
     * "RuntimeVersionArn: ... only valid with Manual").
     */
    public PutRuntimeManagementConfigResponse putRuntimeManagementConfig(PutRuntimeManagementConfigRequest r) {
        FunctionLookup.Resolved res = version(r.functionName(), r.qualifier());
        String mode = r.updateRuntimeOnAsString();
        String pinned = r.runtimeVersionArn();
        if ("Manual".equals(mode) && pinned == null) {
            throw LambdaErrors.invalidParameter("RuntimeVersionArn must be specified when UpdateRuntimeOn is Manual.");
        }
        if (!"Manual".equals(mode) && pinned != null) {
            throw LambdaErrors.invalidParameter("RuntimeVersionArn can only be specified when UpdateRuntimeOn is "
                    + "Manual.");
        }
        LambdaFunction f = res.function();
        synchronized (f) {
            f.runtimeManagement.put(res.version().version(), new String[] {mode, pinned});
        }
        return PutRuntimeManagementConfigResponse.builder().updateRuntimeOn(mode).functionArn(arn(res))
                .runtimeVersionArn(pinned).build();
    }

    public GetRuntimeManagementConfigResponse getRuntimeManagementConfig(GetRuntimeManagementConfigRequest r) {
        FunctionLookup.Resolved res = version(r.functionName(), r.qualifier());
        String[] setting;
        synchronized (res.function()) {
            setting = res.function().runtimeManagement.get(res.version().version());
        }
        return GetRuntimeManagementConfigResponse.builder().updateRuntimeOn(setting == null ? "Auto" : setting[0])
                .runtimeVersionArn(setting == null ? null : setting[1]).functionArn(arn(res)).build();
    }

    /** {@code $LATEST} or a published version (the operation's qualifier names no alias). */
    private FunctionLookup.Resolved version(String functionName, String qualifier) {
        FunctionLookup.Resolved res = lookup.resolve(functionName, qualifier);
        if (res.alias() != null) {
            throw LambdaErrors.invalidParameter("Runtime management configuration applies to $LATEST or a published "
                    + "version, not to an alias.");
        }
        return res;
    }

    private static String arn(FunctionLookup.Resolved res) {
        return FunctionVersion.LATEST.equals(res.version().version()) ? res.function().arn
                : res.function().arn + ":" + res.version().version();
    }
}
