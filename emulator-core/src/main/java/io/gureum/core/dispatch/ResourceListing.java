package io.gureum.core.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.state.RegisteredResource;
import io.gureum.core.state.ResourceRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /_gureum/resources?account=…&region=…&q=…&service=…}: every resource the services
 * registered, for the console's resource browser. Without {@code region}, all regions of the account;
 * {@code q} matches IDs, ARNs and tags ({@code key}, {@code value} or {@code key=value}), case-insensitively.
 */
final class ResourceListing {
    private static final int MAX = 5_000;

    private ResourceListing() {
    }

    static ObjectNode list(ObjectMapper json, ResourceRegistry registry, String account, String region, String query,
            String service) {
        ObjectNode body = json.createObjectNode();
        body.put("account", account);
        ArrayNode regions = body.putArray("regions");
        List<String> held = registry.regions(account);
        held.forEach(regions::add);
        ArrayNode out = body.putArray("resources");
        String q = query == null || query.isBlank() ? null : query.trim().toLowerCase(Locale.ROOT);
        int count = 0;
        for (String r : region == null || region.isBlank() ? held : List.of(region)) {
            for (RegisteredResource resource : registry.list(account, r)) {
                if (service != null && !service.isBlank() && !resource.service().equals(service)
                        || q != null && !matches(resource, q)) {
                    continue;
                }
                if (++count > MAX) {
                    body.put("truncated", true);
                    return body;
                }
                ObjectNode n = out.addObject();
                n.put("service", resource.service());
                n.put("type", resource.type());
                n.put("id", resource.id());
                n.put("arn", resource.arn().toString());
                n.put("region", resource.region());
                ObjectNode tags = n.putObject("tags");
                resource.tags().forEach(tags::put);
            }
        }
        return body;
    }

    private static boolean matches(RegisteredResource resource, String q) {
        if (resource.id().toLowerCase(Locale.ROOT).contains(q) || resource.arn().toString().toLowerCase(Locale.ROOT)
                .contains(q)) {
            return true;
        }
        for (Map.Entry<String, String> tag : resource.tags().entrySet()) {
            String key = tag.getKey().toLowerCase(Locale.ROOT);
            String value = tag.getValue().toLowerCase(Locale.ROOT);
            if (key.contains(q) || value.contains(q) || (key + "=" + value).equals(q)) {
                return true;
            }
        }
        return false;
    }
}
