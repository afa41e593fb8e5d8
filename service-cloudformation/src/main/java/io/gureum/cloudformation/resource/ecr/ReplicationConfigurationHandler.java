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
import software.amazon.awssdk.services.ecr.model.ReplicationDestination;
import software.amazon.awssdk.services.ecr.model.ReplicationRule;
import software.amazon.awssdk.services.ecr.model.RepositoryFilter;

/**
 * {@code AWS::ECR::ReplicationConfiguration}: the registry's one replication configuration. {@code Ref} and
 * {@code Fn::GetAtt RegistryId} give the registry ID (the account). The rules change in place
 * (PutReplicationConfiguration); delete leaves the registry with no rules. Gureum's ECR stores the
 * configuration; it does not copy images to the destinations.
 */
public final class ReplicationConfigurationHandler implements ResourceHandler {
    @Override
    public String type() {
        return "AWS::ECR::ReplicationConfiguration";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, Set.of("ReplicationConfiguration"));
        List<ReplicationRule> rules = new ArrayList<>();
        JsonNode config = r.property("ReplicationConfiguration");
        if (config == null) {
            r.requiredText("ReplicationConfiguration");
        }
        for (JsonNode rule : config.path("Rules")) {
            List<ReplicationDestination> destinations = new ArrayList<>();
            rule.path("Destinations").forEach(d -> destinations.add(ReplicationDestination.builder()
                    .region(Json.text(d, "Region")).registryId(Json.text(d, "RegistryId")).build()));
            List<RepositoryFilter> filters = new ArrayList<>();
            rule.path("RepositoryFilters").forEach(f -> filters.add(RepositoryFilter.builder()
                    .filter(Json.text(f, "Filter")).filterType(Json.text(f, "FilterType")).build()));
            rules.add(ReplicationRule.builder().destinations(destinations)
                    .repositoryFilters(filters.isEmpty() ? null : filters).build());
        }
        EcrClient ecr = r.client(EcrClient.class);
        ecr.putReplicationConfiguration(b -> b.replicationConfiguration(c -> c.rules(rules)));
        String id = ecr.describeRegistry(b -> { }).registryId();
        return Created.of(id).attribute("RegistryId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        return create(r);
    }

    @Override
    public void delete(ResourceRequest r) {
        r.client(EcrClient.class).putReplicationConfiguration(b -> b.replicationConfiguration(c -> c.rules(List.of())));
    }
}
