package io.gureum.cloudformation.resource.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.DeadLetterConfig;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.SnapStartResponse;
import software.amazon.awssdk.services.lambda.model.TracingConfig;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.VpcConfig;

/**
 * {@code AWS::Lambda::Function}, with inline ({@code Code.ZipFile}) or S3 code. {@code Ref} is the function
 * name; {@code Fn::GetAtt} gives {@code Arn} and {@code SnapStartResponse.ApplyOn}/{@code .OptimizationStatus}. {@code FunctionName} and {@code PackageType} replace the
 * function; code changes with UpdateFunctionCode and the rest with UpdateFunctionConfiguration.
 *
 * <p>Inline code is zipped as a single file named {@code index} with the runtime's extension
 * ({@code index.js}, {@code index.py} …), as CloudFormation does (AWS::Lambda::Function Code, ZipFile).
 * AWS also adds its {@code cfn-response} module beside it for Node.js and Python; Gureum does not.
 */
public final class FunctionHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Architectures", "Code", "DeadLetterConfig", "Description", "Environment", "EphemeralStorage",
            "FunctionName", "Handler", "KmsKeyArn", "Layers", "MemorySize", "PackageType",
            "ReservedConcurrentExecutions", "Role", "Runtime", "Tags", "Timeout", "TracingConfig", "VpcConfig");

    private static final Set<String> CONFIGURATION = Set.of("Description", "Environment", "Handler", "KmsKeyArn",
            "Layers", "MemorySize", "Role", "Runtime", "Timeout", "TracingConfig", "VpcConfig", "DeadLetterConfig",
            "EphemeralStorage");

    @Override
    public String type() {
        return "AWS::Lambda::Function";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("FunctionName", "PackageType");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        LambdaClient lambda = r.client(LambdaClient.class);
        String name = r.has("FunctionName") ? r.text("FunctionName") : r.generatedName(64);
        JsonNode code = r.property("Code");
        if (code == null) {
            r.requiredText("Code");
        }
        CreateFunctionRequest.Builder b = CreateFunctionRequest.builder().functionName(name)
                .role(r.requiredText("Role")).runtime(r.text("Runtime")).handler(r.text("Handler"))
                .description(r.text("Description")).timeout(r.integer("Timeout")).memorySize(r.integer("MemorySize"))
                .packageType(r.text("PackageType")).kmsKeyArn(r.text("KmsKeyArn"))
                .layers(list(r.property("Layers"))).architecturesWithStrings(list(r.property("Architectures")))
                .environment(environment(r.property("Environment"))).tracingConfig(tracing(r.property("TracingConfig")))
                .vpcConfig(vpc(r.property("VpcConfig"))).deadLetterConfig(deadLetter(r.property("DeadLetterConfig")))
                .tags(r.tagsWithTemplate("Tags"))
                .code(FunctionCode.builder().zipFile(zip(r, code)).s3Bucket(Json.text(code, "S3Bucket"))
                        .s3Key(Json.text(code, "S3Key")).s3ObjectVersion(Json.text(code, "S3ObjectVersion"))
                        .imageUri(Json.text(code, "ImageUri")).build());
        if (r.has("EphemeralStorage")) {
            b.ephemeralStorage(e -> e.size(Json.integer(r.property("EphemeralStorage"), "Size")));
        }
        software.amazon.awssdk.services.lambda.model.CreateFunctionResponse made = lambda.createFunction(b.build());
        String arn = made.functionArn();
        if (r.has("ReservedConcurrentExecutions")) {
            lambda.putFunctionConcurrency(x -> x.functionName(name)
                    .reservedConcurrentExecutions(r.integer("ReservedConcurrentExecutions")));
        }
        return result(name, arn, made.snapStart());
    }

    /**
     * {@code Arn} and {@code SnapStartResponse} (the object, {@code SnapStartResponse.ApplyOn} and
     * {@code SnapStartResponse.OptimizationStatus}), which Lambda reports for every function, SnapStart or not.
     */
    private static Created result(String name, String arn, SnapStartResponse snapStart) {
        Created c = Created.of(name).attribute("Arn", arn);
        if (snapStart == null) {
            return c;
        }
        String applyOn = snapStart.applyOnAsString();
        String status = snapStart.optimizationStatusAsString();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (applyOn != null) {
            o.put("ApplyOn", applyOn);
        }
        if (status != null) {
            o.put("OptimizationStatus", status);
        }
        return c.attribute("SnapStartResponse", o).attribute("SnapStartResponse.ApplyOn", applyOn)
                .attribute("SnapStartResponse.OptimizationStatus", status);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        LambdaClient lambda = r.client(LambdaClient.class);
        String name = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("Code") || changed.contains("Architectures")) {
            JsonNode code = r.property("Code");
            lambda.updateFunctionCode(UpdateFunctionCodeRequest.builder().functionName(name).zipFile(zip(r, code))
                    .s3Bucket(Json.text(code, "S3Bucket")).s3Key(Json.text(code, "S3Key"))
                    .s3ObjectVersion(Json.text(code, "S3ObjectVersion")).imageUri(Json.text(code, "ImageUri"))
                    .architecturesWithStrings(list(r.property("Architectures"))).build());
        }
        if (changed.stream().anyMatch(CONFIGURATION::contains)) {
            // A property removed from the template goes back to Lambda's default.
            UpdateFunctionConfigurationRequest.Builder b = UpdateFunctionConfigurationRequest.builder()
                    .functionName(name).role(r.requiredText("Role")).runtime(r.text("Runtime"))
                    .handler(r.text("Handler")).description(r.has("Description") ? r.text("Description") : "")
                    .timeout(r.has("Timeout") ? r.integer("Timeout") : 3)
                    .memorySize(r.has("MemorySize") ? r.integer("MemorySize") : 128)
                    .kmsKeyArn(r.has("KmsKeyArn") ? r.text("KmsKeyArn") : "")
                    .layers(r.has("Layers") ? list(r.property("Layers")) : List.of())
                    .environment(r.has("Environment") ? environment(r.property("Environment"))
                            : Environment.builder().variables(Map.of()).build())
                    .tracingConfig(r.has("TracingConfig") ? tracing(r.property("TracingConfig"))
                            : TracingConfig.builder().mode("PassThrough").build())
                    .vpcConfig(r.has("VpcConfig") ? vpc(r.property("VpcConfig"))
                            : VpcConfig.builder().subnetIds(List.of()).securityGroupIds(List.of()).build())
                    .deadLetterConfig(r.has("DeadLetterConfig") ? deadLetter(r.property("DeadLetterConfig"))
                            : DeadLetterConfig.builder().targetArn("").build());
            if (r.has("EphemeralStorage")) {
                b.ephemeralStorage(e -> e.size(Json.integer(r.property("EphemeralStorage"), "Size")));
            }
            lambda.updateFunctionConfiguration(b.build());
        }
        if (changed.contains("ReservedConcurrentExecutions")) {
            if (r.has("ReservedConcurrentExecutions")) {
                lambda.putFunctionConcurrency(x -> x.functionName(name)
                        .reservedConcurrentExecutions(r.integer("ReservedConcurrentExecutions")));
            } else {
                lambda.deleteFunctionConcurrency(x -> x.functionName(name));
            }
        }
        FunctionConfiguration configuration = lambda.getFunction(x -> x.functionName(name)).configuration();
        String arn = configuration.functionArn();
        if (changed.contains("Tags")) {
            Map<String, String> now = r.tagsWithTemplate("Tags");
            List<String> removed = new ArrayList<>(lambda.listTags(x -> x.resource(arn)).tags().keySet());
            removed.removeAll(now.keySet());
            if (!removed.isEmpty()) {
                lambda.untagResource(x -> x.resource(arn).tagKeys(removed));
            }
            lambda.tagResource(x -> x.resource(arn).tags(now));
        }
        return result(name, arn, configuration.snapStart());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(LambdaClient.class).deleteFunction(b -> b.functionName(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }

    /** Inline source zipped as {@code index.<ext>}; null when the code is in S3 or an image. */
    private static SdkBytes zip(ResourceRequest r, JsonNode code) {
        String source = Json.text(code, "ZipFile");
        if (source == null) {
            return null;
        }
        String runtime = r.text("Runtime");
        if (runtime == null) {
            throw new ResourceFailure("Runtime is required when Code.ZipFile is given");
        }
        String extension = runtime.startsWith("nodejs") ? ".js" : runtime.startsWith("python") ? ".py"
                : runtime.startsWith("ruby") ? ".rb" : "";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("index" + extension));
            zip.write(source.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return SdkBytes.fromByteArray(out.toByteArray());
    }

    private static List<String> list(JsonNode node) {
        List<String> l = Json.strings(node);
        return l.isEmpty() ? null : l;
    }

    private static Environment environment(JsonNode e) {
        if (e == null) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        e.path("Variables").fields().forEachRemaining(f -> vars.put(f.getKey(), f.getValue().asText()));
        return Environment.builder().variables(vars).build();
    }

    private static TracingConfig tracing(JsonNode t) {
        return t == null ? null : TracingConfig.builder().mode(Json.text(t, "Mode")).build();
    }

    private static VpcConfig vpc(JsonNode v) {
        return v == null ? null : VpcConfig.builder().subnetIds(Json.strings(v.get("SubnetIds")))
                .securityGroupIds(Json.strings(v.get("SecurityGroupIds"))).build();
    }

    private static DeadLetterConfig deadLetter(JsonNode d) {
        return d == null ? null : DeadLetterConfig.builder().targetArn(Json.text(d, "TargetArn")).build();
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        FunctionConfiguration c;
        try {
            c = r.client(LambdaClient.class).getFunction(b -> b.functionName(r.physicalId())).configuration();
        } catch (ResourceNotFoundException gone) {
            return null;
        }
        Drift d = new Drift(r).put("Runtime", c.runtimeAsString()).put("Handler", c.handler()).put("Role", c.role())
                .put("Timeout", c.timeout()).put("MemorySize", c.memorySize()).put("Description", c.description());
        if (d.wants("Environment")) {
            com.fasterxml.jackson.databind.node.ObjectNode env = com.fasterxml.jackson.databind.node.JsonNodeFactory
                    .instance.objectNode();
            com.fasterxml.jackson.databind.node.ObjectNode vars = env.putObject("Variables");
            if (c.environment() != null) {
                c.environment().variables().forEach(vars::put);
            }
            d.put("Environment", env);
        }
        return d.result();
    }
}
