package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CapacityProviderConfig;
import software.amazon.awssdk.services.lambda.model.DeadLetterConfig;
import software.amazon.awssdk.services.lambda.model.EnvironmentResponse;
import software.amazon.awssdk.services.lambda.model.EphemeralStorage;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.LoggingConfig;
import software.amazon.awssdk.services.lambda.model.RuntimeVersionConfig;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.SnapStartOptimizationStatus;
import software.amazon.awssdk.services.lambda.model.SnapStartResponse;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.TracingConfigResponse;

/**
 * One version of a function's code and configuration: {@code $LATEST} (replaced on every update) or a
 * published number (never changes). Immutable.
 */
record FunctionVersion(
        String functionName,
        String functionArn,
        String version,
        String runtime,
        String role,
        String handler,
        String description,
        int timeout,
        int memorySize,
        Map<String, String> environment,
        List<String> architectures,
        String packageType,
        CodeStore.Code code,
        String lastModified,
        String revisionId,
        String deadLetterTargetArn,
        int ephemeralStorage,
        String tracingMode,
        List<LayerVersion> layers,
        java.nio.file.Path optDirectory,
        String snapStartApplyOn,
        CapacityProviderConfig capacityProviderConfig,
        software.amazon.awssdk.services.lambda.model.DurableConfig durableConfig) {

    static final String LATEST = "$LATEST";
    /** AWS answers SnapStart's state for every function, SnapStart or not. */
    private static final SnapStartResponse SNAP_START_OFF = SnapStartResponse.builder().applyOn(SnapStartApplyOn.NONE)
            .optimizationStatus(SnapStartOptimizationStatus.OFF).build();

    FunctionVersion {
        environment = Map.copyOf(environment);
        architectures = List.copyOf(architectures);
        layers = List.copyOf(layers);
        snapStartApplyOn = snapStartApplyOn == null ? "None" : snapStartApplyOn;
    }

    /** The ARN with this version as qualifier ({@code …:function:name:3}); $LATEST configurations answer unqualified. */
    String qualifiedArn() {
        return functionArn + ":" + version;
    }

    FunctionVersion withVersion(String newVersion, String newLastModified, String newRevisionId) {
        return new FunctionVersion(functionName, functionArn, newVersion, runtime, role, handler, description, timeout,
                memorySize, environment, architectures, packageType, code, newLastModified, newRevisionId,
                deadLetterTargetArn, ephemeralStorage, tracingMode, layers, optDirectory, snapStartApplyOn, capacityProviderConfig, durableConfig);
    }

    FunctionVersion withDescription(String newDescription) {
        return new FunctionVersion(functionName, functionArn, version, runtime, role, handler, newDescription, timeout,
                memorySize, environment, architectures, packageType, code, lastModified, revisionId,
                deadLetterTargetArn, ephemeralStorage, tracingMode, layers, optDirectory, snapStartApplyOn, capacityProviderConfig, durableConfig);
    }

    FunctionVersion withCode(CodeStore.Code newCode, List<String> newArchitectures, String newLastModified,
            String newRevisionId) {
        return new FunctionVersion(functionName, functionArn, version, runtime, role, handler, description, timeout,
                memorySize, environment, newArchitectures == null ? architectures : newArchitectures, packageType,
                newCode, newLastModified, newRevisionId, deadLetterTargetArn, ephemeralStorage, tracingMode, layers, optDirectory,
                snapStartApplyOn, capacityProviderConfig, durableConfig);
    }

    /** Whether code and configuration match another version (PublishVersion publishes nothing new then). */
    boolean sameContent(FunctionVersion o) {
        return code.sha256().equals(o.code.sha256()) && eq(runtime, o.runtime) && eq(role, o.role)
                && eq(handler, o.handler) && timeout == o.timeout && memorySize == o.memorySize
                && environment.equals(o.environment) && architectures.equals(o.architectures)
                && eq(deadLetterTargetArn, o.deadLetterTargetArn) && ephemeralStorage == o.ephemeralStorage
                && eq(tracingMode, o.tracingMode) && layerArns().equals(o.layerArns())
                && snapStartApplyOn.equals(o.snapStartApplyOn)
                && java.util.Objects.equals(capacityProviderConfig, o.capacityProviderConfig)
                && java.util.Objects.equals(durableConfig, o.durableConfig);
    }

    /**
     * SnapStart as configuration (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html): with
     * {@code ApplyOn: PublishedVersions} a published version reports its snapshot On, {@code $LATEST} Off. Gureum takes
     * no snapshot: versions start as any other.
     */
    private SnapStartResponse snapStart() {
        if (snapStartApplyOn.equals("None")) {
            return SNAP_START_OFF;
        }
        return SnapStartResponse.builder().applyOn(snapStartApplyOn).optimizationStatus(LATEST.equals(version)
                ? SnapStartOptimizationStatus.OFF : SnapStartOptimizationStatus.ON).build();
    }

    List<String> layerArns() {
        return layers.stream().map(LayerVersion::layerVersionArn).toList();
    }

    private static boolean eq(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }

    /** The API's view of this version. */
    FunctionConfiguration toConfiguration(State state, LastUpdateStatus lastUpdate) {
        FunctionConfiguration.Builder b = FunctionConfiguration.builder()
                .functionName(functionName)
                .functionArn(LATEST.equals(version) ? functionArn : qualifiedArn())
                .runtime(runtime)
                .role(role)
                .handler(handler)
                .codeSize(code.size())
                .description(description)
                .timeout(timeout)
                .memorySize(memorySize)
                .lastModified(lastModified)
                .codeSha256(code.sha256())
                .version(version)
                .tracingConfig(TracingConfigResponse.builder().mode(tracingMode).build())
                .revisionId(revisionId)
                .state(state)
                .lastUpdateStatus(lastUpdate)
                .packageType(packageType)
                .architecturesWithStrings(architectures)
                .ephemeralStorage(EphemeralStorage.builder().size(ephemeralStorage).build())
                .snapStart(snapStart())
                .runtimeVersionConfig(RuntimeVersionConfig.builder().runtimeVersionArn(runtimeVersionArn()).build())
                .loggingConfig(LoggingConfig.builder().logFormat("Text").logGroup("/aws/lambda/" + functionName).build());
        if (capacityProviderConfig != null) {
            b.capacityProviderConfig(capacityProviderConfig);
        }
        if (durableConfig != null) {
            b.durableConfig(durableConfig);
        }
        if (state == State.PENDING) {
            b.stateReason("The function is being created.").stateReasonCode("Creating");
        }
        if (!environment.isEmpty()) {
            b.environment(EnvironmentResponse.builder().variables(environment).build());
        }
        if (!layers.isEmpty()) {
            b.layers(layers.stream().map(LayerVersion::attached).toList());
        }
        if (deadLetterTargetArn != null) {
            b.deadLetterConfig(DeadLetterConfig.builder().targetArn(deadLetterTargetArn).build());
        }
        return b.build();
    }

    /**
     * The subset ListFunctions answers: "To get the additional fields (State, StateReasonCode, StateReason,
     * LastUpdateStatus, LastUpdateStatusReason, LastUpdateStatusReasonCode, RuntimeVersionConfig) for a function
     * or version, use GetFunction" (https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html).
     */
    FunctionConfiguration toListedConfiguration() {
        return toConfiguration(null, null).toBuilder().runtimeVersionConfig((RuntimeVersionConfig) null).build();
    }

    /**
     * AWS reports the runtime version a function runs on ({@code arn:aws:lambda:us-east-1::runtime:<64 hex>},
     * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html); Gureum names one per runtime identifier.
     */
    private String runtimeVersionArn() {
        Arn function = Arn.parse(functionArn);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(runtime.getBytes(StandardCharsets.UTF_8));
            return Arn.of(function.partition(), "lambda", function.region(), "",
                    "runtime:" + HexFormat.of().formatHex(digest)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> defaultArchitectures() {
        return List.of(Architecture.X86_64.toString());
    }
}
