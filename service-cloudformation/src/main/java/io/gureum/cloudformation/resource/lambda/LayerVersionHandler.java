package io.gureum.cloudformation.resource.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@code AWS::Lambda::LayerVersion}: one published version of a layer. {@code Ref} and {@code Fn::GetAtt
 * LayerVersionArn} give the version's ARN ({@code arn:aws:lambda:<region>:<account>:layer:<name>:<n>}). A
 * version is immutable, so every property replaces it (a new version is published, the old one deleted).
 * Without {@code LayerName} the layer is named after the stack and logical id.
 */
public final class LayerVersionHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("CompatibleArchitectures", "CompatibleRuntimes", "Content",
            "Description", "LayerName", "LicenseInfo");

    @Override
    public String type() {
        return "AWS::Lambda::LayerVersion";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        JsonNode content = r.property("Content");
        if (content == null) {
            r.requiredText("Content");
        }
        String name = r.has("LayerName") ? r.text("LayerName") : r.generatedName(140);
        String arn = r.client(LambdaClient.class).publishLayerVersion(b -> b.layerName(name)
                .description(r.text("Description")).licenseInfo(r.text("LicenseInfo"))
                .compatibleRuntimesWithStrings(r.has("CompatibleRuntimes")
                        ? Json.strings(r.property("CompatibleRuntimes")) : null)
                .compatibleArchitecturesWithStrings(r.has("CompatibleArchitectures")
                        ? Json.strings(r.property("CompatibleArchitectures")) : null)
                .content(c -> c.s3Bucket(Json.text(content, "S3Bucket")).s3Key(Json.text(content, "S3Key"))
                        .s3ObjectVersion(Json.text(content, "S3ObjectVersion")))).layerVersionArn();
        return Created.of(arn).attribute("LayerVersionArn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        String arn = r.physicalId();
        int last = arn.lastIndexOf(':');
        LambdaSupport.deleting(() -> r.client(LambdaClient.class).deleteLayerVersion(b -> b
                .layerName(arn.substring(0, last)).versionNumber(Long.valueOf(arn.substring(last + 1)))));
    }
}
