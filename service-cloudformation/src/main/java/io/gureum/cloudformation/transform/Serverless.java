package io.gureum.cloudformation.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.template.TemplateError;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code AWS::Serverless-2016-10-31} transform (AWS SAM specification), for what Gureum serves:
 * {@code AWS::Serverless::Function} (with its generated execution role, {@code SQS} and {@code Schedule}
 * events, {@code FunctionUrlConfig} and {@code EventInvokeConfig}), {@code AWS::Serverless::LayerVersion} and
 * {@code AWS::Serverless::SimpleTable}, with {@code Globals.Function}. Other SAM resources and
 * events ({@code Api}, {@code HttpApi}: Gureum has no API Gateway) fail the transform naming them.
 */
final class Serverless {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> FUNCTION_PROPERTIES = Set.of("Handler", "Runtime", "MemorySize", "Timeout",
            "Environment", "Description", "FunctionName", "Architectures", "Layers", "PackageType",
            "ReservedConcurrentExecutions", "TracingConfig", "VpcConfig", "DeadLetterConfig", "KmsKeyArn",
            "EphemeralStorage", "LoggingConfig", "ImageConfig");
    // FunctionUrlConfig and EventInvokeConfig become resources of their own (functionUrl, eventInvokeConfig).

    private final String partition;

    Serverless(String accountId, String region, String partition) {
        this.partition = partition;
    }

    ObjectNode apply(ObjectNode root) {
        ObjectNode globals = object(root.path("Globals").path("Function"));
        ObjectNode resources = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Resources").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String type = e.getValue().path("Type").asText();
            switch (type) {
                case "AWS::Serverless::Function" -> function(e.getKey(), (ObjectNode) e.getValue(), globals, resources);
                case "AWS::Serverless::SimpleTable" -> resources.set(e.getKey(), table((ObjectNode) e.getValue()));
                case "AWS::Serverless::LayerVersion" -> resources.set(e.getKey(), layer(e.getKey(),
                        (ObjectNode) e.getValue()));
                default -> {
                    if (type.startsWith("AWS::Serverless::")) {
                        throw failed("Resource with id [" + e.getKey() + "] is invalid. " + type
                                + " is not supported by Gureum's SAM transform");
                    }
                    resources.set(e.getKey(), e.getValue());
                }
            }
        }
        root.set("Resources", resources);
        root.remove("Globals");
        return root;
    }

    private static RuntimeException failed(String message) {
        return TemplateError.validation("Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless"
                + " Application Specification document. Number of errors found: 1. " + message);
    }

    private void function(String id, ObjectNode def, ObjectNode globals, ObjectNode out) {
        ObjectNode props = merge(globals, object(def.path("Properties")));
        ObjectNode fn = NODES.objectNode();
        fn.put("Type", "AWS::Lambda::Function");
        copyAttributes(def, fn);
        ObjectNode p = fn.putObject("Properties");
        p.set("Code", code(id, props));
        for (String name : FUNCTION_PROPERTIES) {
            if (props.has(name)) {
                p.set(name, props.get(name));
            }
        }
        ArrayNode tags = p.putArray("Tags");
        tags.addObject().put("Key", "lambda:createdBy").put("Value", "SAM");
        props.path("Tags").fields().forEachRemaining(t -> tags.addObject().put("Key", t.getKey())
                .set("Value", t.getValue()));
        List<String> managed = new java.util.ArrayList<>(List.of(
                "arn:" + partition + ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
        Map<String, ObjectNode> events = new LinkedHashMap<>();
        props.path("Events").fields().forEachRemaining(ev -> events.put(ev.getKey(), (ObjectNode) ev.getValue()));
        for (Map.Entry<String, ObjectNode> ev : events.entrySet()) {
            String eventId = id + ev.getKey();
            ObjectNode ep = object(ev.getValue().path("Properties"));
            switch (ev.getValue().path("Type").asText()) {
                case "SQS" -> {
                    managed.add("arn:" + partition + ":iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole");
                    ObjectNode esm = out.putObject(eventId);
                    esm.put("Type", "AWS::Lambda::EventSourceMapping");
                    ObjectNode mp = esm.putObject("Properties");
                    mp.set("EventSourceArn", ep.get("Queue"));
                    mp.set("FunctionName", ref(id));
                    for (String name : List.of("BatchSize", "Enabled", "MaximumBatchingWindowInSeconds",
                            "FilterCriteria", "FunctionResponseTypes", "ScalingConfig")) {
                        if (ep.has(name)) {
                            mp.set(name, ep.get(name));
                        }
                    }
                }
                case "Schedule", "ScheduleV2" -> {
                    ObjectNode rule = out.putObject(eventId);
                    rule.put("Type", "AWS::Events::Rule");
                    ObjectNode rp = rule.putObject("Properties");
                    rp.set("ScheduleExpression", ep.get("Schedule") != null ? ep.get("Schedule")
                            : ep.get("ScheduleExpression"));
                    if (ep.has("Name")) {
                        rp.set("Name", ep.get("Name"));
                    }
                    if (ep.has("Enabled")) {
                        rp.put("State", ep.get("Enabled").asBoolean(true) ? "ENABLED" : "DISABLED");
                    }
                    ObjectNode target = rp.putArray("Targets").addObject();
                    target.set("Arn", getAtt(id, "Arn"));
                    target.put("Id", eventId + "LambdaTarget");
                    if (ep.has("Input")) {
                        target.set("Input", ep.get("Input"));
                    }
                    ObjectNode permission = out.putObject(eventId + "Permission");
                    permission.put("Type", "AWS::Lambda::Permission");
                    ObjectNode pp = permission.putObject("Properties");
                    pp.put("Action", "lambda:InvokeFunction");
                    pp.set("FunctionName", ref(id));
                    pp.put("Principal", "events.amazonaws.com");
                    pp.set("SourceArn", getAtt(eventId, "Arn"));
                }
                default -> throw failed("Resource with id [" + id + "] is invalid. Event with id [" + ev.getKey()
                        + "] is invalid. Event type " + ev.getValue().path("Type").asText()
                        + " is not supported by Gureum's SAM transform");
            }
        }
        List<ObjectNode> statements = new java.util.ArrayList<>();
        if (props.has("FunctionUrlConfig")) {
            functionUrl(id, object(props.get("FunctionUrlConfig")), out);
        }
        if (props.has("EventInvokeConfig")) {
            eventInvokeConfig(id, object(props.get("EventInvokeConfig")), out, statements);
        }
        if (props.has("Role")) {
            p.set("Role", props.get("Role"));
        } else {
            p.set("Role", getAtt(id + "Role", "Arn"));
            ObjectNode role = role(id, props, managed);
            if (!statements.isEmpty()) {
                JsonNode existing = role.path("Properties").get("Policies");
                ArrayNode inline = existing instanceof ArrayNode a ? a
                        : ((ObjectNode) role.get("Properties")).putArray("Policies");
                ObjectNode entry = inline.addObject();
                entry.put("PolicyName", id + "EventInvokeConfigPolicy");
                ObjectNode doc = entry.putObject("PolicyDocument");
                doc.put("Version", "2012-10-17");
                statements.forEach(doc.putArray("Statement")::add);
            }
            out.set(id + "Role", role);
        }
        out.set(id, fn);
    }

    /**
     * {@code FunctionUrlConfig}: an {@code AWS::Lambda::Url} named {@code <id>Url}, and for {@code AuthType: NONE}
     * the public {@code lambda:InvokeFunctionUrl} permission {@code <id>UrlPublicPermissions}, as SAM generates.
     */
    private static void functionUrl(String id, ObjectNode config, ObjectNode out) {
        ObjectNode url = out.putObject(id + "Url");
        url.put("Type", "AWS::Lambda::Url");
        ObjectNode up = url.putObject("Properties");
        up.set("TargetFunctionArn", ref(id));
        for (String name : List.of("AuthType", "Cors", "InvokeMode")) {
            if (config.has(name)) {
                up.set(name, config.get(name));
            }
        }
        if ("NONE".equals(config.path("AuthType").asText())) {
            ObjectNode permission = out.putObject(id + "UrlPublicPermissions");
            permission.put("Type", "AWS::Lambda::Permission");
            ObjectNode pp = permission.putObject("Properties");
            pp.put("Action", "lambda:InvokeFunctionUrl");
            pp.set("FunctionName", ref(id));
            pp.put("Principal", "*");
            pp.put("FunctionUrlAuthType", "NONE");
        }
    }

    /**
     * {@code EventInvokeConfig}: an {@code AWS::Lambda::EventInvokeConfig} named {@code <id>EventInvokeConfig} on
     * {@code $LATEST}; each destination's {@code Type} (SQS, SNS, Lambda, EventBridge) adds the statement letting
     * the generated role deliver to it. A destination without {@code Destination} (SAM then creates a queue or
     * topic) fails the transform.
     */
    private void eventInvokeConfig(String id, ObjectNode config, ObjectNode out, List<ObjectNode> statements) {
        ObjectNode c = out.putObject(id + "EventInvokeConfig");
        c.put("Type", "AWS::Lambda::EventInvokeConfig");
        ObjectNode cp = c.putObject("Properties");
        cp.set("FunctionName", ref(id));
        cp.put("Qualifier", "$LATEST");
        for (String name : List.of("MaximumEventAgeInSeconds", "MaximumRetryAttempts")) {
            if (config.has(name)) {
                cp.set(name, config.get(name));
            }
        }
        JsonNode destinations = config.get("DestinationConfig");
        if (destinations == null) {
            return;
        }
        ObjectNode dc = cp.putObject("DestinationConfig");
        for (String on : List.of("OnSuccess", "OnFailure")) {
            JsonNode d = destinations.get(on);
            if (d == null) {
                continue;
            }
            if (!d.has("Destination")) {
                throw failed("Resource with id [" + id + "] is invalid. Gureum's SAM transform needs "
                        + "'Destination' in EventInvokeConfig.DestinationConfig." + on);
            }
            dc.putObject(on).set("Destination", d.get("Destination"));
            String action = switch (d.path("Type").asText()) {
                case "SQS" -> "sqs:SendMessage";
                case "SNS" -> "sns:Publish";
                case "Lambda" -> "lambda:InvokeFunction";
                case "EventBridge" -> "events:PutEvents";
                default -> null;
            };
            if (action != null) {
                ObjectNode st = NODES.objectNode();
                st.put("Effect", "Allow");
                st.put("Action", action);
                st.set("Resource", d.get("Destination"));
                statements.add(st);
            }
        }
    }

    /**
     * {@code AWS::Serverless::LayerVersion}: an {@code AWS::Lambda::LayerVersion} under the same logical id (SAM
     * adds a hash of the content to the id so that a change publishes a new version; here every change replaces
     * the version anyway). {@code RetentionPolicy: Retain} (SAM's default) keeps replaced and deleted versions.
     */
    private static ObjectNode layer(String id, ObjectNode def) {
        ObjectNode props = object(def.path("Properties"));
        ObjectNode layer = NODES.objectNode();
        layer.put("Type", "AWS::Lambda::LayerVersion");
        copyAttributes(def, layer);
        String retention = props.path("RetentionPolicy").asText("Retain");
        if (!layer.has("DeletionPolicy")) {
            layer.put("DeletionPolicy", retention.equalsIgnoreCase("Delete") ? "Delete" : "Retain");
        }
        if (!layer.has("UpdateReplacePolicy")) {
            layer.put("UpdateReplacePolicy", retention.equalsIgnoreCase("Delete") ? "Delete" : "Retain");
        }
        ObjectNode p = layer.putObject("Properties");
        ObjectNode uri = NODES.objectNode();
        if (props.has("ContentUri")) {
            uri.set("CodeUri", props.get("ContentUri"));
        }
        ObjectNode content = (ObjectNode) code(id, uri);
        p.set("Content", content);
        p.set("LayerName", props.has("LayerName") ? props.get("LayerName") : NODES.textNode(id));
        for (String name : List.of("Description", "CompatibleRuntimes", "CompatibleArchitectures", "LicenseInfo")) {
            if (props.has(name)) {
                p.set(name, props.get(name));
            }
        }
        return layer;
    }

    private ObjectNode role(String id, ObjectNode props, List<String> managed) {
        ObjectNode role = NODES.objectNode();
        role.put("Type", "AWS::IAM::Role");
        ObjectNode p = role.putObject("Properties");
        ObjectNode trust = p.putObject("AssumeRolePolicyDocument");
        trust.put("Version", "2012-10-17");
        ObjectNode st = trust.putArray("Statement").addObject();
        st.putArray("Action").add("sts:AssumeRole");
        st.put("Effect", "Allow");
        st.putObject("Principal").putArray("Service").add("lambda.amazonaws.com");
        ArrayNode arns = p.putArray("ManagedPolicyArns");
        managed.forEach(arns::add);
        JsonNode policies = props.get("Policies");
        if (policies != null) {
            ArrayNode inline = NODES.arrayNode();
            int n = 0;
            for (JsonNode policy : policies.isArray() ? policies : NODES.arrayNode().add(policies)) {
                if (policy.isTextual()) {
                    String name = policy.asText();
                    arns.add(name.startsWith("arn:") ? name : "arn:" + partition + ":iam::aws:policy/" + name);
                } else if (policy.has("Statement")) {
                    ObjectNode entry = inline.addObject();
                    entry.put("PolicyName", id + "RolePolicy" + n++);
                    entry.set("PolicyDocument", policy);
                } else {
                    throw failed("Resource with id [" + id + "] is invalid. Policy template "
                            + policy.fieldNames().next() + " is not supported by Gureum's SAM transform");
                }
            }
            if (!inline.isEmpty()) {
                p.set("Policies", inline);
            }
        }
        ArrayNode tags = p.putArray("Tags");
        tags.addObject().put("Key", "lambda:createdBy").put("Value", "SAM");
        return role;
    }

    private static JsonNode code(String id, ObjectNode props) {
        ObjectNode code = NODES.objectNode();
        if (props.has("InlineCode")) {
            code.set("ZipFile", props.get("InlineCode"));
        } else if (props.has("ImageUri")) {
            code.set("ImageUri", props.get("ImageUri"));
        } else if (props.path("CodeUri").isTextual() && props.get("CodeUri").asText().startsWith("s3://")) {
            String uri = props.get("CodeUri").asText().substring(5);
            int slash = uri.indexOf('/');
            code.put("S3Bucket", uri.substring(0, slash));
            code.put("S3Key", uri.substring(slash + 1));
        } else if (props.path("CodeUri").isObject()) {
            code.set("S3Bucket", props.get("CodeUri").get("Bucket"));
            code.set("S3Key", props.get("CodeUri").get("Key"));
            if (props.get("CodeUri").has("Version")) {
                code.set("S3ObjectVersion", props.get("CodeUri").get("Version"));
            }
        } else {
            throw failed("Resource with id [" + id + "] is invalid. 'CodeUri' is not a valid S3 Uri of the form"
                    + " 's3://bucket/key' with optional versionId query parameter.");
        }
        return code;
    }

    private static ObjectNode table(ObjectNode def) {
        ObjectNode props = object(def.path("Properties"));
        ObjectNode table = NODES.objectNode();
        table.put("Type", "AWS::DynamoDB::Table");
        copyAttributes(def, table);
        ObjectNode p = table.putObject("Properties");
        JsonNode pk = props.path("PrimaryKey");
        String name = pk.path("Name").asText("id");
        String type = switch (pk.path("Type").asText("String")) {
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> "S";
        };
        p.putArray("AttributeDefinitions").addObject().put("AttributeName", name).put("AttributeType", type);
        p.putArray("KeySchema").addObject().put("AttributeName", name).put("KeyType", "HASH");
        if (props.has("ProvisionedThroughput")) {
            p.set("ProvisionedThroughput", props.get("ProvisionedThroughput"));
        } else {
            p.put("BillingMode", "PAY_PER_REQUEST");
        }
        for (String n : List.of("TableName", "SSESpecification", "PointInTimeRecoverySpecification")) {
            if (props.has(n)) {
                p.set(n, props.get(n));
            }
        }
        if (props.has("Tags")) {
            ArrayNode tags = p.putArray("Tags");
            props.get("Tags").fields().forEachRemaining(t -> tags.addObject().put("Key", t.getKey())
                    .set("Value", t.getValue()));
        }
        return table;
    }

    private static void copyAttributes(ObjectNode from, ObjectNode to) {
        for (String a : List.of("Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "Metadata")) {
            if (from.has(a)) {
                to.set(a, from.get(a));
            }
        }
    }

    /** Globals under the function's own properties: maps merged, the function's values winning. */
    private static ObjectNode merge(ObjectNode globals, ObjectNode own) {
        ObjectNode out = globals.deepCopy();
        own.fields().forEachRemaining(e -> {
            JsonNode g = out.get(e.getKey());
            if (g != null && g.isObject() && e.getValue().isObject()) {
                out.set(e.getKey(), merge((ObjectNode) g, (ObjectNode) e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** The node if it is an object, else an empty object (an absent section). */
    private static ObjectNode object(JsonNode node) {
        return node != null && node.isObject() ? (ObjectNode) node : NODES.objectNode();
    }

    private static ObjectNode ref(String id) {
        ObjectNode o = NODES.objectNode();
        o.put("Ref", id);
        return o;
    }

    private static ObjectNode getAtt(String id, String attribute) {
        ObjectNode o = NODES.objectNode();
        o.putArray("Fn::GetAtt").add(id).add(attribute);
        return o;
    }
}
