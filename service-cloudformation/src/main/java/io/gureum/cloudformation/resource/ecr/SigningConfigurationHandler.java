package io.gureum.cloudformation.resource.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.SigningConfigurationNotFoundException;
import software.amazon.awssdk.services.ecr.model.SigningRepositoryFilter;
import software.amazon.awssdk.services.ecr.model.SigningRule;

/**
 * {@code AWS::ECR::SigningConfiguration}: the registry's one signing configuration (PutSigningConfiguration).
 * {@code Ref} and {@code Fn::GetAtt RegistryId} give the registry ID (the account). {@code Rules} changes in place;
 * delete is DeleteSigningConfiguration. As in ECR, no image is signed (AWS Signer is not emulated).
 */
public final class SigningConfigurationHandler implements ResourceHandler {
    @Override
    public String type() {
        return "AWS::ECR::SigningConfiguration";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, Set.of("Rules"));
        JsonNode given = r.property("Rules");
        if (given == null) {
            r.requiredText("Rules");
        }
        List<SigningRule> rules = new ArrayList<>();
        for (JsonNode rule : given) {
            SigningRule.Builder b = SigningRule.builder().signingProfileArn(Json.text(rule, "SigningProfileArn"));
            if (rule.has("RepositoryFilters")) {
                List<SigningRepositoryFilter> filters = new ArrayList<>();
                for (JsonNode f : rule.get("RepositoryFilters")) {
                    filters.add(SigningRepositoryFilter.builder().filter(Json.text(f, "Filter"))
                            .filterType(Json.text(f, "FilterType")).build());
                }
                b.repositoryFilters(filters);
            }
            rules.add(b.build());
        }
        EcrClient ecr = r.client(EcrClient.class);
        ecr.putSigningConfiguration(b -> b.signingConfiguration(c -> c.rules(rules)));
        String id = ecr.getSigningConfiguration(b -> { }).registryId();
        return Created.of(id).attribute("RegistryId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        return create(r);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(EcrClient.class).deleteSigningConfiguration(b -> { });
        } catch (SigningConfigurationNotFoundException gone) {
            // Already deleted.
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        List<SigningRule> rules;
        try {
            rules = r.client(EcrClient.class).getSigningConfiguration(b -> { }).signingConfiguration().rules();
        } catch (SigningConfigurationNotFoundException gone) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.arrayNode();
        for (SigningRule rule : rules) {
            var o = out.addObject().put("SigningProfileArn", rule.signingProfileArn());
            if (rule.hasRepositoryFilters()) {
                var filters = o.putArray("RepositoryFilters");
                rule.repositoryFilters().forEach(f -> filters.addObject().put("Filter", f.filter())
                        .put("FilterType", f.filterTypeAsString()));
            }
        }
        return new Drift(r).put("Rules", out).result();
    }
}
