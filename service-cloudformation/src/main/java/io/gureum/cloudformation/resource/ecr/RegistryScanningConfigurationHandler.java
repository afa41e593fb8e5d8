package io.gureum.cloudformation.resource.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RegistryScanningRule;
import software.amazon.awssdk.services.ecr.model.ScanningRepositoryFilter;

/**
 * {@code AWS::ECR::RegistryScanningConfiguration}: the registry's one scanning configuration
 * (PutRegistryScanningConfiguration). {@code Ref} and {@code Fn::GetAtt RegistryId} give the registry ID (the
 * account). Every property changes in place; delete puts back the registry's default (basic scanning, no rules).
 */
public final class RegistryScanningConfigurationHandler implements ResourceHandler {
    @Override
    public String type() {
        return "AWS::ECR::RegistryScanningConfiguration";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, Set.of("ScanType", "Rules"));
        List<RegistryScanningRule> rules = new ArrayList<>();
        JsonNode given = r.property("Rules");
        if (given == null) {
            r.requiredText("Rules");
        }
        for (JsonNode rule : given) {
            List<ScanningRepositoryFilter> filters = new ArrayList<>();
            for (JsonNode f : rule.path("RepositoryFilters")) {
                filters.add(ScanningRepositoryFilter.builder().filter(Json.text(f, "Filter"))
                        .filterType(Json.text(f, "FilterType")).build());
            }
            rules.add(RegistryScanningRule.builder().scanFrequency(Json.text(rule, "ScanFrequency"))
                    .repositoryFilters(filters).build());
        }
        EcrClient ecr = r.client(EcrClient.class);
        ecr.putRegistryScanningConfiguration(b -> b.scanType(r.requiredText("ScanType")).rules(rules));
        String id = ecr.getRegistryScanningConfiguration(b -> { }).registryId();
        return Created.of(id).attribute("RegistryId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        return create(r);
    }

    @Override
    public void delete(ResourceRequest r) {
        r.client(EcrClient.class).putRegistryScanningConfiguration(b -> b.scanType("BASIC")
                .rules(List.<RegistryScanningRule>of()));
    }
}
