package io.gureum.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.ResourceRecord;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.parameter.ParameterInput;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.cloudformation.transform.Transforms;
import io.gureum.core.spi.Caller;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Template macros (user guide "Perform custom processing on CloudFormation templates with template macros" and
 * "Create a CloudFormation macro definition"): a macro is an {@code AWS::CloudFormation::Macro} resource of a live
 * stack of the account and Region; running it invokes its Lambda function in-process (RequestResponse, as the
 * caller) with AWS's event ({@code region}, {@code accountId}, {@code fragment}, {@code transformId}
 * {@code <account>::<name>}, {@code params}, {@code requestId}, {@code templateParameterValues}) and takes the
 * returned {@code fragment} when {@code status} is {@code success} (any case); any other status fails the
 * template with "Transform <account>::<name> failed with: <errorMessage>". Requests run it holding the state's
 * lock; a nested stack's template is processed on a worker without it.
 */
final class TemplateMacros implements Transforms.Macros {
    public static final String TYPE = "AWS::CloudFormation::Macro";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request's parameters, to evaluate {@code templateParameterValues}; empty: the template's defaults. */
    record Inputs(List<ParameterInput> given, Map<String, String> previous) {
        static final Inputs NONE = new Inputs(List.of(), Map.of());
    }

    private final Engine engine;
    private final Caller caller;
    private final ObjectNode template;
    private final Inputs inputs;

    TemplateMacros(Engine engine, Caller caller, ObjectNode template, Inputs inputs) {
        this.engine = engine;
        this.caller = caller;
        this.template = template;
        this.inputs = inputs == null ? Inputs.NONE : inputs;
    }

    /** The function of the live macro {@code name} in the account and Region, or null. */
    static String functionOf(Engine engine, String accountId, String region, String name) {
        // Reentrant: requests hold the lock already; a nested stack's preparation on a worker does not.
        engine.state().lock.lock();
        try {
            return find(engine, accountId, region, name);
        } finally {
            engine.state().lock.unlock();
        }
    }

    private static String find(Engine engine, String accountId, String region, String name) {
        CloudFormationState.Region r = engine.state().region(accountId, region);
        for (StackRecord stack : r.stacks.values()) {
            if (stack.deleted()) {
                continue;
            }
            for (ResourceRecord res : stack.resources.values()) {
                if (res.type.equals(TYPE) && res.properties != null && res.status != null
                        && res.status.endsWith("_COMPLETE") && !res.status.equals("DELETE_COMPLETE")
                        && name.equals(res.properties.path("Name").asText(null))) {
                    return res.properties.path("FunctionName").asText();
                }
            }
        }
        return null;
    }

    @Override
    public boolean has(String name) {
        return functionOf(engine, caller.accountId(), caller.region(), name) != null;
    }

    @Override
    public JsonNode run(String name, JsonNode fragment, JsonNode params) {
        String transformId = caller.accountId() + "::" + name;
        String function = functionOf(engine, caller.accountId(), caller.region(), name);
        String requestId = engine.context().ids().requestId();
        ObjectNode event = JSON.createObjectNode();
        event.put("region", caller.region());
        event.put("accountId", caller.accountId());
        event.set("fragment", fragment);
        event.put("transformId", transformId);
        event.set("params", params);
        event.put("requestId", requestId);
        event.set("templateParameterValues", parameterValues());
        if (!engine.context().clients().serves(LambdaClient.class)) {
            throw failed(transformId, "Lambda is not served by this server");
        }
        InvokeResponse response;
        try {
            response = engine.context().clients().client(LambdaClient.class, caller).invoke(b -> b
                    .functionName(function).payload(SdkBytes.fromUtf8String(event.toString())));
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            throw failed(transformId, e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage());
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.payload() == null ? "" : response.payload().asUtf8String());
        } catch (IOException e) {
            throw failed(transformId, "the function's response is not JSON");
        }
        if (response.functionError() != null) {
            throw failed(transformId, answer == null ? null : answer.path("errorMessage").asText(null));
        }
        if (answer == null || !answer.isObject() || !"success".equalsIgnoreCase(answer.path("status").asText())) {
            String message = answer == null ? null : answer.path("errorMessage").asText(null);
            throw failed(transformId, message);
        }
        JsonNode processed = answer.get("fragment");
        if (processed == null || processed.isNull()) {
            throw failed(transformId, "the response has no fragment");
        }
        return processed;
    }

    private static RuntimeException failed(String transformId, String message) {
        return TemplateError.validation(message == null || message.isEmpty()
                ? "Transform " + transformId + " failed without an error message."
                : "Transform " + transformId + " failed with: " + message);
    }

    /**
     * The template's parameters as the request gives them (a previous value for {@code UsePreviousValue}, else the
     * {@code Default}); list types as lists. SSM parameter types are passed as the parameter names given.
     */
    private ObjectNode parameterValues() {
        ObjectNode out = JSON.createObjectNode();
        JsonNode declared = template.path("Parameters");
        for (var it = declared.fields(); it.hasNext();) {
            var e = it.next();
            String key = e.getKey();
            String value = null;
            for (ParameterInput in : inputs.given()) {
                if (in.key().equals(key)) {
                    value = in.usePreviousValue() ? inputs.previous().get(key) : in.value();
                }
            }
            if (value == null) {
                JsonNode d = e.getValue().get("Default");
                value = d == null || d.isNull() ? null : d.asText();
            }
            if (value == null) {
                continue;
            }
            String type = e.getValue().path("Type").asText("String");
            if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
                ArrayNode list = out.putArray(key);
                for (String part : value.split(",", -1)) {
                    list.add(part.trim());
                }
            } else {
                out.put(key, value);
            }
        }
        return out;
    }
}
