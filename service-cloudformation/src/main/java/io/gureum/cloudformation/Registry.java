package io.gureum.cloudformation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.model.DescribeTypeRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeTypeResponse;
import software.amazon.awssdk.services.cloudformation.model.ListTypeVersionsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListTypeVersionsResponse;
import software.amazon.awssdk.services.cloudformation.model.ListTypesRequest;
import software.amazon.awssdk.services.cloudformation.model.ListTypesResponse;
import software.amazon.awssdk.services.cloudformation.model.TypeNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.TypeSummary;
import software.amazon.awssdk.services.cloudformation.model.TypeVersionSummary;

/**
 * Registry reads of the AWS-provided resource types this server deploys (those with a handler): ListTypes
 * with {@code Visibility=PUBLIC} (the default, PRIVATE, lists the account's registered extensions: none, since
 * RegisterType is not emulated), DescribeType and ListTypeVersions. A type's {@code Schema} is a skeleton
 * (type name and the create-only properties Gureum replaces on change), not AWS's full provider schema.
 */
public final class Registry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant PUBLISHED = Instant.parse("2019-11-18T00:00:00Z");
    private static final String VERSION = "00000001";
    private final Engine engine;

    Registry(Engine engine) {
        this.engine = engine;
    }

    private List<String> awsTypes() {
        return engine.handlers().types().stream().filter(t -> t.startsWith("AWS::")).sorted().toList();
    }

    private static String arn(String typeName) {
        RequestContext rc = RequestContext.current();
        return "arn:aws:cloudformation:" + rc.region() + "::type/resource/" + typeName.replace("::", "-");
    }

    public ListTypesResponse listTypes(ListTypesRequest r) {
        boolean publicTypes = "PUBLIC".equals(r.visibilityAsString()) || (r.filters() != null
                && "AWS_TYPES".equals(r.filters().categoryAsString()));
        String type = r.typeAsString();
        List<TypeSummary> out = new ArrayList<>();
        if (publicTypes && (type == null || type.equals("RESOURCE"))) {
            String prefix = r.filters() == null ? null : r.filters().typeNamePrefix();
            for (String t : awsTypes()) {
                if (prefix == null || t.startsWith(prefix)) {
                    out.add(TypeSummary.builder().type("RESOURCE").typeName(t).typeArn(arn(t))
                            .defaultVersionId(VERSION).lastUpdated(PUBLISHED).isActivated(true).build());
                }
            }
        }
        Page<TypeSummary> page = Page.of(out, r.nextToken(), r.maxResults() == null ? 100 : r.maxResults());
        return ListTypesResponse.builder().typeSummaries(page.items()).nextToken(page.nextToken()).build();
    }

    public DescribeTypeResponse describeType(DescribeTypeRequest r) {
        String name = typeName(r.typeName(), r.arn());
        ResourceHandler handler = engine.handlers().find(name);
        if (handler == null || !name.startsWith("AWS::") || (r.typeAsString() != null
                && !r.typeAsString().equals("RESOURCE"))) {
            throw ModeledErrors.of(TypeNotFoundException.class, "The type '" + (name == null ? r.arn() : name)
                    + "' cannot be found.");
        }
        ObjectNode schema = JSON.createObjectNode().put("typeName", name);
        ArrayNode createOnly = schema.putArray("createOnlyProperties");
        handler.replacementProperties().stream().filter(p -> !p.equals("*")).sorted()
                .forEach(p -> createOnly.add("/properties/" + p));
        return DescribeTypeResponse.builder().arn(arn(name)).type("RESOURCE").typeName(name)
                .defaultVersionId(VERSION).isDefaultVersion(true).schema(schema.toString())
                .provisioningType("FULLY_MUTABLE").deprecatedStatus("LIVE").visibility("PUBLIC")
                .lastUpdated(PUBLISHED).timeCreated(PUBLISHED).isActivated(true).build();
    }

    private static String typeName(String typeName, String arn) {
        if (typeName != null) {
            return typeName;
        }
        if (arn != null && arn.contains(":type/resource/")) {
            return arn.substring(arn.indexOf(":type/resource/") + 15).replace("-", "::").replaceAll("/.*", "");
        }
        return null;
    }

    public ListTypeVersionsResponse listTypeVersions(ListTypeVersionsRequest r) {
        String name = typeName(r.typeName(), r.arn());
        if (name == null || engine.handlers().find(name) == null || !name.startsWith("AWS::")) {
            throw ModeledErrors.of(TypeNotFoundException.class, "The type '" + (name == null ? r.arn() : name)
                    + "' cannot be found.");
        }
        TypeVersionSummary v = TypeVersionSummary.builder().type("RESOURCE").typeName(name).versionId(VERSION)
                .isDefaultVersion(true).arn(arn(name) + "/" + VERSION).timeCreated(PUBLISHED).build();
        return ListTypeVersionsResponse.builder().typeVersionSummaries(v).build();
    }
}
