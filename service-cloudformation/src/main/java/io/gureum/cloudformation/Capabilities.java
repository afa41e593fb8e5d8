package io.gureum.cloudformation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.ModeledErrors;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;

/**
 * The acknowledgements a template needs (CreateStack, "Capabilities"): {@code CAPABILITY_IAM} for IAM
 * resources, {@code CAPABILITY_NAMED_IAM} when they carry custom names, {@code CAPABILITY_AUTO_EXPAND} for
 * transforms when the stack is created or updated directly (a change set needs none for transforms).
 */
final class Capabilities {
    private static final Map<String, String> NAMES = Map.of("AWS::IAM::Role", "RoleName", "AWS::IAM::User",
            "UserName", "AWS::IAM::Group", "GroupName", "AWS::IAM::ManagedPolicy", "ManagedPolicyName",
            "AWS::IAM::InstanceProfile", "InstanceProfileName");
    private static final Set<String> IAM = Set.of("AWS::IAM::AccessKey", "AWS::IAM::Group",
            "AWS::IAM::InstanceProfile", "AWS::IAM::Policy", "AWS::IAM::Role", "AWS::IAM::User",
            "AWS::IAM::UserToGroupAddition", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy",
            "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy");

    private Capabilities() {
    }

    static void check(ObjectNode resources, Collection<String> given, boolean hasTransform, boolean direct) {
        if (direct && hasTransform && !given.contains("CAPABILITY_AUTO_EXPAND")) {
            throw insufficient("CAPABILITY_AUTO_EXPAND");
        }
        boolean iam = false;
        boolean named = false;
        for (var it = resources.fields(); it.hasNext();) {
            var e = it.next();
            String type = e.getValue().path("Type").asText();
            if (IAM.contains(type)) {
                iam = true;
                String nameProperty = NAMES.get(type);
                named |= nameProperty != null && e.getValue().path("Properties").has(nameProperty);
            }
        }
        if (named && !given.contains("CAPABILITY_NAMED_IAM")) {
            throw insufficient("CAPABILITY_NAMED_IAM");
        }
        if (iam && !given.contains("CAPABILITY_IAM") && !given.contains("CAPABILITY_NAMED_IAM")) {
            throw insufficient("CAPABILITY_IAM");
        }
    }

    /** The capabilities the template's resources need, and AWS's CapabilitiesReason, for ValidateTemplate. */
    record Required(List<String> capabilities, String reason) {
    }

    static Required required(ObjectNode resources) {
        java.util.Set<String> types = new java.util.TreeSet<>();
        boolean named = false;
        for (var it = resources.fields(); it.hasNext();) {
            var e = it.next();
            String type = e.getValue().path("Type").asText();
            if (IAM.contains(type)) {
                types.add(type);
                String nameProperty = NAMES.get(type);
                named |= nameProperty != null && e.getValue().path("Properties").has(nameProperty);
            }
        }
        if (types.isEmpty()) {
            return new Required(List.of(), null);
        }
        return new Required(List.of(named ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM"),
                "The following resource(s) require capabilities: " + types);
    }

    private static InsufficientCapabilitiesException insufficient(String capability) {
        return ModeledErrors.of(InsufficientCapabilitiesException.class,
                "Requires capabilities : " + List.of(capability));
    }
}
