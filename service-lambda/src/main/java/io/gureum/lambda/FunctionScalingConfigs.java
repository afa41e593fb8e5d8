package io.gureum.lambda;

import java.util.Map;
import software.amazon.awssdk.services.lambda.model.FunctionScalingConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionScalingConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionScalingConfigResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionScalingConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionScalingConfigResponse;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Scaling configs of Lambda Managed Instances functions
 * (https://docs.aws.amazon.com/lambda/latest/dg/API_PutFunctionScalingConfig.html), stored per published
 * version of a function configured with a capacity provider. Nothing is provisioned, so a requested config is
 * applied at once and Get answers it as {@code AppliedFunctionScalingConfig}.
 */
final class FunctionScalingConfigs {
    private final FunctionLookup lookup;

    FunctionScalingConfigs(FunctionLookup lookup) {
        this.lookup = lookup;
    }

    public PutFunctionScalingConfigResponse putFunctionScalingConfig(PutFunctionScalingConfigRequest r) {
        LambdaFunction f = lookup.require(r.functionName());
        FunctionVersion v = version(f, r.qualifier());
        FunctionScalingConfig c = r.functionScalingConfig() == null ? FunctionScalingConfig.builder().build()
                : r.functionScalingConfig();
        if (c.minExecutionEnvironments() != null && c.maxExecutionEnvironments() != null
                && c.minExecutionEnvironments() > c.maxExecutionEnvironments()) {
            throw LambdaErrors.invalidParameter(
                    "MinExecutionEnvironments must be less than or equal to MaxExecutionEnvironments.");
        }
        f.scalingConfigs.put(v.version(), c);
        return PutFunctionScalingConfigResponse.builder().functionState(State.ACTIVE).build();
    }

    public GetFunctionScalingConfigResponse getFunctionScalingConfig(GetFunctionScalingConfigRequest r) {
        LambdaFunction f = lookup.require(r.functionName());
        FunctionVersion v = version(f, r.qualifier());
        GetFunctionScalingConfigResponse.Builder b = GetFunctionScalingConfigResponse.builder()
                .functionArn(v.qualifiedArn());
        FunctionScalingConfig c = f.scalingConfigs.get(v.version());
        if (c != null) {
            b.appliedFunctionScalingConfig(c);
        }
        return b.build();
    }

    /** A published version, or {@code $LATEST.PUBLISHED} (the newest), configured with a capacity provider. */
    private static FunctionVersion version(LambdaFunction f, String qualifier) {
        FunctionVersion v;
        synchronized (f) {
            if ("$LATEST.PUBLISHED".equals(qualifier)) {
                Map.Entry<Integer, FunctionVersion> newest = f.versions.lastEntry();
                v = newest == null ? null : newest.getValue();
            } else {
                v = f.version(qualifier);
            }
        }
        if (v == null || FunctionVersion.LATEST.equals(v.version())) {
            throw LambdaErrors.notFound("Function not found: " + f.arn + ":" + qualifier);
        }
        if (v.capacityProviderConfig() == null) {
            throw LambdaErrors.invalidParameter("Function scaling configuration is supported only for functions "
                    + "configured with a capacity provider.");
        }
        return v;
    }
}
