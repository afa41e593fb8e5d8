package io.gureum.cloudformation.resource.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AllowedPublishers;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfig;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.CodeSigningPolicies;

/**
 * {@code AWS::Lambda::CodeSigningConfig}. {@code Ref} and {@code Fn::GetAtt CodeSigningConfigArn} give the ARN,
 * {@code Fn::GetAtt CodeSigningConfigId} the {@code csc-} id. Every property changes in place
 * (UpdateCodeSigningConfig; tags with TagResource/UntagResource); a removed {@code Description} becomes empty and a
 * removed {@code CodeSigningPolicies} AWS's default {@code Warn}. Delete fails while functions use the config,
 * as Lambda refuses it.
 */
public final class CodeSigningConfigHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("AllowedPublishers", "CodeSigningPolicies", "Description",
            "Tags");

    @Override
    public String type() {
        return "AWS::Lambda::CodeSigningConfig";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Map<String, String> tags = r.tagsWithTemplate("Tags");
        CodeSigningConfig c = r.client(LambdaClient.class).createCodeSigningConfig(b -> b
                .allowedPublishers(publishers(r)).codeSigningPolicies(policies(r)).description(r.text("Description"))
                .tags(tags.isEmpty() ? null : tags)).codeSigningConfig();
        return created(c.codeSigningConfigArn(), c.codeSigningConfigId());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        LambdaClient lambda = r.client(LambdaClient.class);
        String arn = r.physicalId();
        CodeSigningConfig c = lambda.updateCodeSigningConfig(b -> b.codeSigningConfigArn(arn)
                .allowedPublishers(publishers(r)).codeSigningPolicies(policies(r))
                .description(r.has("Description") ? r.text("Description") : "")).codeSigningConfig();
        if (r.changedProperties().contains("Tags")) {
            Map<String, String> now = r.tagsWithTemplate("Tags");
            List<String> removed = new ArrayList<>(lambda.listTags(x -> x.resource(arn)).tags().keySet());
            removed.removeAll(now.keySet());
            if (!removed.isEmpty()) {
                lambda.untagResource(x -> x.resource(arn).tagKeys(removed));
            }
            lambda.tagResource(x -> x.resource(arn).tags(now));
        }
        return created(arn, c.codeSigningConfigId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(LambdaClient.class).deleteCodeSigningConfig(b -> b.codeSigningConfigArn(r.physicalId()));
        } catch (CodeSigningConfigNotFoundException gone) {
            // Already deleted.
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        CodeSigningConfig c;
        try {
            c = r.client(LambdaClient.class).getCodeSigningConfig(b -> b.codeSigningConfigArn(r.physicalId()))
                    .codeSigningConfig();
        } catch (CodeSigningConfigNotFoundException gone) {
            return null;
        }
        Drift d = new Drift(r).put("Description", c.description());
        if (d.wants("AllowedPublishers")) {
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            var arns = p.putArray("SigningProfileVersionArns");
            c.allowedPublishers().signingProfileVersionArns().forEach(arns::add);
            d.put("AllowedPublishers", p);
        }
        if (d.wants("CodeSigningPolicies") && c.codeSigningPolicies() != null) {
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            p.put("UntrustedArtifactOnDeployment", c.codeSigningPolicies().untrustedArtifactOnDeploymentAsString());
            d.put("CodeSigningPolicies", p);
        }
        return d.result();
    }

    private static Created created(String arn, String id) {
        return Created.of(arn).attribute("CodeSigningConfigArn", arn).attribute("CodeSigningConfigId", id);
    }

    private static AllowedPublishers publishers(ResourceRequest r) {
        JsonNode p = r.property("AllowedPublishers");
        if (p == null) {
            r.requiredText("AllowedPublishers");
        }
        return AllowedPublishers.builder().signingProfileVersionArns(Json.strings(p.get("SigningProfileVersionArns")))
                .build();
    }

    private static CodeSigningPolicies policies(ResourceRequest r) {
        JsonNode p = r.property("CodeSigningPolicies");
        String untrusted = p == null ? null : Json.text(p, "UntrustedArtifactOnDeployment");
        return CodeSigningPolicies.builder().untrustedArtifactOnDeployment(untrusted == null ? "Warn" : untrusted)
                .build();
    }
}
