package io.gureum.iam.authz.resolvers;

import io.gureum.iam.authz.ResourceResolver;
import java.util.Map;

/**
 * EventBridge names rules by {@code Name} (or {@code Rule}) on an event bus that defaults to {@code default}; a
 * rule on the default bus has the ARN {@code rule/NAME}, elsewhere {@code rule/BUS/NAME}.
 */
public final class EventBridgeResources implements ResourceResolver {
    @Override
    public void resolve(Map<String, String> fields, Map<String, String> variables) {
        String rule = fields.getOrDefault("rule", fields.get("name"));
        String bus = fields.get("eventbusname");
        if (rule != null) {
            variables.put("rulename", rule);
        }
        if (bus != null && !bus.equals("default")) {
            variables.put("eventbusname", bus);
        }
    }
}
