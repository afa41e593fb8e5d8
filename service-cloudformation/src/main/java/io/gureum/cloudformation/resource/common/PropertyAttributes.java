package io.gureum.cloudformation.resource.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code Fn::GetAtt} attributes of the types whose every property CloudFormation lets {@code Fn::GetAtt} read,
 * not only the schema's {@code readOnlyProperties}: {@code AWS::SQS::Queue}, {@code AWS::SNS::Topic},
 * {@code AWS::SSM::Parameter}, {@code AWS::EC2::VPC}, {@code AWS::EC2::Subnet}, {@code AWS::EC2::SecurityGroup},
 * {@code AWS::EC2::Instance}, {@code AWS::Events::EventBus}, {@code AWS::ElasticLoadBalancingV2::LoadBalancer},
 * {@code AWS::S3::AccessPoint}, {@code AWS::EC2::CapacityReservation} … (the list AWS's template linter cfn-lint
 * keeps of them). A property is named as in the template, a nested one with dots ({@code
 * RedrivePolicy.deadLetterTargetArn}); a list of scalars is a list; a list of objects and {@code Tags} are not
 * attributes.
 *
 * <p>A handler first sets the values the service reports (a queue's {@code VisibilityTimeout} is {@code 30} when
 * the template leaves it out), then {@link #add} fills in, from the template's resolved properties, the ones it did
 * not set.
 */
public final class PropertyAttributes {
    private PropertyAttributes() {
    }

    /** {@code created} with every scalar (and list of scalars) property of the request it does not hold yet. */
    public static Created add(Created created, ResourceRequest r) {
        JsonNode properties = r.properties();
        if (properties == null || !properties.isObject()) {
            return created;
        }
        Created[] out = {created};
        walk(properties, "", out);
        return out[0];
    }

    private static void walk(JsonNode node, String prefix, Created[] out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v == null || v.isNull() || name.equals("Tags")) {
                continue;
            }
            if (v.isObject()) {
                walk(v, name + ".", out);
            } else if (out[0].attributes().containsKey(name)) {
                continue;
            } else if (v.isValueNode()) {
                out[0] = out[0].attribute(name, v.asText());
            } else if (v.isArray() && scalars(v)) {
                var list = JsonNodeFactory.instance.arrayNode();
                v.forEach(x -> list.add(x.asText()));
                out[0] = out[0].attribute(name, list);
            }
        }
    }

    private static boolean scalars(JsonNode list) {
        for (JsonNode x : list) {
            if (!x.isValueNode()) {
                return false;
            }
        }
        return true;
    }
}
