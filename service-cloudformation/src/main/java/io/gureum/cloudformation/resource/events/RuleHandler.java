package io.gureum.cloudformation.resource.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * {@code AWS::Events::Rule} with its {@code Targets}. {@code Ref} is the rule name on the default bus and
 * {@code <bus name>|<rule name>} on another bus; {@code Fn::GetAtt} gives {@code Arn}. {@code Name} and
 * {@code EventBusName} replace the rule; the pattern, schedule, state and targets change in place (targets
 * by id: removed, then put). Target members are EventBridge's {@code Target} members, mapped one to one.
 */
public final class RuleHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Description", "EventBusName", "EventPattern", "Name", "RoleArn", "ScheduleExpression", "State", "Tags",
            "Targets");

    @Override
    public String type() {
        return "AWS::Events::Rule";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name", "EventBusName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("Name") ? r.text("Name") : r.generatedName(64);
        String arn = put(r, name);
        List<Target> targets = targets(r.property("Targets"));
        if (!targets.isEmpty()) {
            r.client(EventBridgeClient.class).putTargets(b -> b.rule(name).eventBusName(r.text("EventBusName"))
                    .targets(targets));
        }
        return result(r, name, arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = ruleName(r);
        String arn = put(r, name);
        if (r.changedProperties().contains("Targets")) {
            EventBridgeClient events = r.client(EventBridgeClient.class);
            List<Target> now = targets(r.property("Targets"));
            List<String> removed = new ArrayList<>();
            for (Target t : targets(r.previousProperties().get("Targets"))) {
                if (now.stream().noneMatch(x -> x.id().equals(t.id()))) {
                    removed.add(t.id());
                }
            }
            if (!removed.isEmpty()) {
                events.removeTargets(b -> b.rule(name).eventBusName(r.text("EventBusName")).ids(removed));
            }
            if (!now.isEmpty()) {
                events.putTargets(b -> b.rule(name).eventBusName(r.text("EventBusName")).targets(now));
            }
        }
        return result(r, name, arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        EventBridgeClient events = r.client(EventBridgeClient.class);
        String name = ruleName(r);
        String bus = r.text("EventBusName");
        try {
            List<String> ids = events.listTargetsByRule(b -> b.rule(name).eventBusName(bus)).targets().stream()
                    .map(Target::id).toList();
            if (!ids.isEmpty()) {
                events.removeTargets(b -> b.rule(name).eventBusName(bus).ids(ids));
            }
            events.deleteRule(b -> b.name(name).eventBusName(bus));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }

    private static String put(ResourceRequest r, String name) {
        List<Tag> tags = new ArrayList<>();
        r.tagsWithTemplate("Tags").forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return r.client(EventBridgeClient.class).putRule(b -> b.name(name).eventBusName(r.text("EventBusName"))
                .eventPattern(Json.document(r.property("EventPattern")))
                .scheduleExpression(r.text("ScheduleExpression")).state(r.has("State") ? r.text("State") : "ENABLED")
                .description(r.text("Description")).roleArn(r.text("RoleArn")).tags(tags.isEmpty() ? null : tags))
                .ruleArn();
    }

    private static List<Target> targets(JsonNode list) {
        List<Target> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode t : list) {
                // Input is a JSON text in both the template and the API; a template may write it as an object.
                com.fasterxml.jackson.databind.node.ObjectNode copy = t.deepCopy();
                if (copy.has("Input") && !copy.get("Input").isTextual()) {
                    copy.put("Input", copy.get("Input").toString());
                }
                out.add(SdkJson.build(copy, Target.builder(), "Targets"));
            }
        }
        return out;
    }

    private static String ruleName(ResourceRequest r) {
        String id = r.physicalId();
        return id.contains("|") ? id.substring(id.indexOf('|') + 1) : id;
    }

    private static Created result(ResourceRequest r, String name, String arn) {
        String bus = r.text("EventBusName");
        boolean defaultBus = bus == null || bus.equals("default") || bus.endsWith(":event-bus/default");
        String id = defaultBus ? name : bus + "|" + name;
        return Created.of(id).attribute("Arn", arn);
    }
}
