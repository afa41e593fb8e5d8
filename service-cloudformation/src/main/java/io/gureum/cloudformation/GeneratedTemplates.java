package io.gureum.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.CreateGeneratedTemplateRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateGeneratedTemplateResponse;
import software.amazon.awssdk.services.cloudformation.model.DeleteGeneratedTemplateRequest;
import software.amazon.awssdk.services.cloudformation.model.DeleteGeneratedTemplateResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeGeneratedTemplateRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeGeneratedTemplateResponse;
import software.amazon.awssdk.services.cloudformation.model.GeneratedTemplateNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.GetGeneratedTemplateRequest;
import software.amazon.awssdk.services.cloudformation.model.GetGeneratedTemplateResponse;
import software.amazon.awssdk.services.cloudformation.model.ListGeneratedTemplatesRequest;
import software.amazon.awssdk.services.cloudformation.model.ListGeneratedTemplatesResponse;
import software.amazon.awssdk.services.cloudformation.model.ResourceDefinition;
import software.amazon.awssdk.services.cloudformation.model.ResourceDetail;
import software.amazon.awssdk.services.cloudformation.model.TemplateConfiguration;
import software.amazon.awssdk.services.cloudformation.model.TemplateProgress;
import software.amazon.awssdk.services.cloudformation.model.TemplateSummary;
import software.amazon.awssdk.services.cloudformation.model.UpdateGeneratedTemplateRequest;
import software.amazon.awssdk.services.cloudformation.model.UpdateGeneratedTemplateResponse;

/**
 * The IaC generator's templates: resources given by type and primary identifier, each read back through its
 * handler's {@link ResourceHandler#read} (the properties drift detection reads) when the template is created or
 * updated; a type no handler can read is a {@code FAILED} resource with the reason, and the template
 * {@code FAILED}. {@code DeletionPolicy} and {@code UpdateReplacePolicy} default to {@code RETAIN}, as the
 * console's. {@code StackName} starts from the stack's processed template. With {@code --data-dir} each template
 * is recorded (kind {@code generatedtemplate}) with its resources as read.
 */
public final class GeneratedTemplates implements io.gureum.cloudformation.engine.StackRecords.Kept {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private static final class Entry {
        ResourceDefinition definition;
        String status;
        String reason;
        JsonNode properties;
    }

    private static final class Generated {
        String id;
        String name;
        String stackId;
        ObjectNode stackResources;
        TemplateConfiguration configuration;
        Instant created;
        Instant updated;
        List<Entry> resources = new ArrayList<>();
    }

    private final Engine engine;
    private final StackLookup lookup;
    private final Map<String, Map<String, Generated>> byPlace = new LinkedHashMap<>();

    GeneratedTemplates(Engine engine, StackLookup lookup) {
        this.engine = engine;
        this.lookup = lookup;
    }

    /** A resource of a generated template as recorded. */
    public record EntryData(String resourceType, String logicalResourceId, Map<String, String> identifier,
            String status, String reason, JsonNode properties) {
    }

    /** A generated template as recorded. */
    public record GeneratedData(String id, String name, String stackId, ObjectNode stackResources,
            String deletionPolicy, String updateReplacePolicy, Instant created, Instant updated,
            List<EntryData> resources) {
    }

    @Override
    public String kind() {
        return "generatedtemplate";
    }

    @Override
    public Map<String, Object> records(String account, String region) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Generated g : byPlace.getOrDefault(account + "/" + region, Map.of()).values()) {
            out.put(g.id, new GeneratedData(g.id, g.name, g.stackId, g.stackResources,
                    g.configuration.deletionPolicyAsString(), g.configuration.updateReplacePolicyAsString(),
                    g.created, g.updated, g.resources.stream().map(e -> new EntryData(e.definition.resourceType(),
                            e.definition.logicalResourceId(), e.definition.resourceIdentifier(), e.status, e.reason,
                            e.properties)).toList()));
        }
        return out;
    }

    private final ChangedPlaces changed = new ChangedPlaces();

    @Override
    public boolean takeChanged(String account, String region) {
        return changed.take(account, region);
    }

    @Override
    public void restore(String account, String region, String key, io.gureum.core.persist.StateRecord record) {
        GeneratedData d = record.value(GeneratedData.class);
        Generated g = new Generated();
        g.id = d.id();
        g.name = d.name();
        g.stackId = d.stackId();
        g.stackResources = d.stackResources();
        g.configuration = TemplateConfiguration.builder().deletionPolicy(d.deletionPolicy())
                .updateReplacePolicy(d.updateReplacePolicy()).build();
        g.created = d.created();
        g.updated = d.updated();
        if (d.resources() != null) {
            for (EntryData ed : d.resources()) {
                Entry e = new Entry();
                e.definition = ResourceDefinition.builder().resourceType(ed.resourceType())
                        .logicalResourceId(ed.logicalResourceId()).resourceIdentifier(ed.identifier()).build();
                e.status = ed.status();
                e.reason = ed.reason();
                e.properties = ed.properties();
                g.resources.add(e);
            }
        }
        byPlace.computeIfAbsent(account + "/" + region, k -> new LinkedHashMap<>()).put(g.name, g);
    }

    private Map<String, Generated> templates() {
        RequestContext rc = RequestContext.current();
        return byPlace.computeIfAbsent(rc.accountId() + "/" + rc.region(), k -> new LinkedHashMap<>());
    }

    /** The template by name or id; {@code GeneratedTemplateNotFound} (HTTP 404) when none. */
    private Generated require(String nameOrId) {
        for (Generated g : templates().values()) {
            if (g.name.equals(nameOrId) || g.id.equals(nameOrId)) {
                return g;
            }
        }
        throw ModeledErrors.of(GeneratedTemplateNotFoundException.class, "Generated template " + nameOrId
                + " not found");
    }

    private void nameFree(String name) {
        if (templates().containsKey(name)) {
            throw ModeledErrors.of(AlreadyExistsException.class, "Generated template " + name + " already exists");
        }
    }

    private static TemplateConfiguration configuration(TemplateConfiguration given, TemplateConfiguration before) {
        String deletion = given != null && given.deletionPolicyAsString() != null ? given.deletionPolicyAsString()
                : before == null ? "RETAIN" : before.deletionPolicyAsString();
        String replace = given != null && given.updateReplacePolicyAsString() != null
                ? given.updateReplacePolicyAsString() : before == null ? "RETAIN" : before.updateReplacePolicyAsString();
        return TemplateConfiguration.builder().deletionPolicy(deletion).updateReplacePolicy(replace).build();
    }

    public CreateGeneratedTemplateResponse createGeneratedTemplate(CreateGeneratedTemplateRequest r) {
        changed.touched();
        nameFree(r.generatedTemplateName());
        RequestContext rc = RequestContext.current();
        Generated g = new Generated();
        g.id = "arn:aws:cloudformation:" + rc.region() + ":" + rc.accountId() + ":generatedtemplate/"
                + engine.context().ids().requestId();
        g.name = r.generatedTemplateName();
        if (r.stackName() != null) {
            StackRecord stack = lookup.requireLive(r.stackName());
            g.stackId = stack.stackId;
            g.stackResources = stack.template.resources().deepCopy();
        }
        g.configuration = configuration(r.templateConfiguration(), null);
        g.created = engine.context().clock().now();
        g.updated = g.created;
        if (r.hasResources()) {
            add(g, r.resources());
        }
        templates().put(g.name, g);
        return CreateGeneratedTemplateResponse.builder().generatedTemplateId(g.id).build();
    }

    private void add(Generated g, List<ResourceDefinition> given) {
        for (ResourceDefinition d : given) {
            Entry e = new Entry();
            String logicalId = d.logicalResourceId();
            if (logicalId == null) {
                logicalId = d.resourceType().replace("AWS::", "").replace("::", "") + "00"
                        + String.format("%03d", g.resources.size() + 1);
            }
            e.definition = d.toBuilder().logicalResourceId(logicalId).build();
            read(e);
            g.resources.add(e);
        }
    }

    /** Reads the resource's properties through its handler, or marks it failed. */
    private void read(Entry e) {
        ResourceDefinition d = e.definition;
        ResourceHandler handler = engine.handlers().find(d.resourceType());
        if (handler == null || !handler.readable() || d.resourceIdentifier().size() != 1) {
            e.status = "FAILED";
            e.reason = "Gureum cannot read resources of type " + d.resourceType();
            return;
        }
        RequestContext rc = RequestContext.current();
        String physicalId = d.resourceIdentifier().values().iterator().next();
        try {
            // An empty stack id tells a handler it reads outside any stack: there are no properties to compare.
            ResourceRequest request = new ResourceRequest(d.logicalResourceId(), d.resourceType(), null, null,
                    physicalId, Map.of(), new ResourceRequest.Stack("", "", rc.accountId(), rc.region()),
                    Planner.caller(engine), engine.context().clients(), List.of(), null, null);
            JsonNode read = handler.read(request);
            if (read == null) {
                e.status = "FAILED";
                e.reason = "Resource " + physicalId + " of type " + d.resourceType() + " does not exist";
                return;
            }
            e.properties = read;
            e.status = "COMPLETE";
            e.reason = null;
        } catch (RuntimeException ex) {
            e.status = "FAILED";
            e.reason = String.valueOf(ex.getMessage());
        }
    }

    private static String status(Generated g) {
        return g.resources.stream().anyMatch(e -> e.status.equals("FAILED")) ? "FAILED" : "COMPLETE";
    }

    private static String reason(Generated g) {
        List<String> failed = g.resources.stream().filter(e -> e.status.equals("FAILED"))
                .map(e -> e.definition.logicalResourceId()).toList();
        return failed.isEmpty() ? null : "Resources failed: " + String.join(", ", failed);
    }

    public DescribeGeneratedTemplateResponse describeGeneratedTemplate(DescribeGeneratedTemplateRequest r) {
        Generated g = require(r.generatedTemplateName());
        List<ResourceDetail> details = g.resources.stream().map(e -> ResourceDetail.builder()
                .resourceType(e.definition.resourceType()).logicalResourceId(e.definition.logicalResourceId())
                .resourceIdentifier(e.definition.resourceIdentifier()).resourceStatus(e.status)
                .resourceStatusReason(e.reason).build()).toList();
        long failed = g.resources.stream().filter(e -> e.status.equals("FAILED")).count();
        return DescribeGeneratedTemplateResponse.builder().generatedTemplateId(g.id).generatedTemplateName(g.name)
                .resources(details).status(status(g)).statusReason(reason(g)).creationTime(g.created)
                .lastUpdatedTime(g.updated).stackId(g.stackId).templateConfiguration(g.configuration)
                .progress(TemplateProgress.builder().resourcesSucceeded((int) (g.resources.size() - failed))
                        .resourcesFailed((int) failed).resourcesProcessing(0).resourcesPending(0).build())
                .totalWarnings(0).build();
    }

    public GetGeneratedTemplateResponse getGeneratedTemplate(GetGeneratedTemplateRequest r) {
        Generated g = require(r.generatedTemplateName());
        ObjectNode root = JSON.createObjectNode().put("AWSTemplateFormatVersion", "2010-09-09");
        ObjectNode resources = root.putObject("Resources");
        if (g.stackResources != null) {
            resources.setAll(g.stackResources);
        }
        for (Entry e : g.resources) {
            if (!e.status.equals("COMPLETE")) {
                continue;
            }
            ObjectNode res = resources.putObject(e.definition.logicalResourceId());
            res.put("Type", e.definition.resourceType());
            res.put("DeletionPolicy", policy(g.configuration.deletionPolicyAsString()));
            res.put("UpdateReplacePolicy", policy(g.configuration.updateReplacePolicyAsString()));
            res.set("Properties", e.properties);
        }
        String body;
        try {
            body = "YAML".equals(r.formatAsString()) ? YAML.writeValueAsString(root)
                    : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        return GetGeneratedTemplateResponse.builder().status(status(g)).templateBody(body).build();
    }

    /** The template attribute's spelling of the API's enum ({@code RETAIN} → {@code Retain}). */
    private static String policy(String value) {
        return value.charAt(0) + value.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    public ListGeneratedTemplatesResponse listGeneratedTemplates(ListGeneratedTemplatesRequest r) {
        List<TemplateSummary> out = templates().values().stream().map(g -> TemplateSummary.builder()
                .generatedTemplateId(g.id).generatedTemplateName(g.name).status(status(g)).statusReason(reason(g))
                .creationTime(g.created).lastUpdatedTime(g.updated).numberOfResources(g.resources.size()).build())
                .toList();
        int max = r.maxResults() == null ? 20 : r.maxResults();
        if (max < 1 || max > 100) {
            throw TemplateError.validation("1 validation error detected: Value '" + max
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100");
        }
        Page<TemplateSummary> page = Page.of(out, r.nextToken(), max);
        return ListGeneratedTemplatesResponse.builder().summaries(page.items()).nextToken(page.nextToken()).build();
    }

    public UpdateGeneratedTemplateResponse updateGeneratedTemplate(UpdateGeneratedTemplateRequest r) {
        changed.touched();
        Generated g = require(r.generatedTemplateName());
        if (r.newGeneratedTemplateName() != null && !r.newGeneratedTemplateName().equals(g.name)) {
            nameFree(r.newGeneratedTemplateName());
        }
        if (r.hasRemoveResources()) {
            g.resources.removeIf(e -> r.removeResources().contains(e.definition.logicalResourceId()));
        }
        if (Boolean.TRUE.equals(r.refreshAllResources())) {
            g.resources.forEach(this::read);
        }
        if (r.hasAddResources()) {
            add(g, r.addResources());
        }
        g.configuration = configuration(r.templateConfiguration(), g.configuration);
        if (r.newGeneratedTemplateName() != null && !r.newGeneratedTemplateName().equals(g.name)) {
            templates().remove(g.name);
            g.name = r.newGeneratedTemplateName();
            templates().put(g.name, g);
        }
        g.updated = engine.context().clock().now();
        return UpdateGeneratedTemplateResponse.builder().generatedTemplateId(g.id).build();
    }

    public DeleteGeneratedTemplateResponse deleteGeneratedTemplate(DeleteGeneratedTemplateRequest r) {
        changed.touched();
        Generated g = require(r.generatedTemplateName());
        templates().remove(g.name);
        return DeleteGeneratedTemplateResponse.builder().build();
    }
}
