package io.gureum.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.Preparation;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.parameter.Parameters;
import io.gureum.cloudformation.template.Template;
import io.gureum.cloudformation.template.TemplateReader;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateSummaryRequest;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateSummaryResponse;
import software.amazon.awssdk.services.cloudformation.model.ParameterDeclaration;
import software.amazon.awssdk.services.cloudformation.model.TemplateParameter;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateRequest;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateResponse;

/** ValidateTemplate and GetTemplateSummary: a template's structure, parameters and needs, without a stack. */
public final class Templates {
    private final Planner planner;
    private final Preparation preparation;
    private final StackLookup lookup;

    Templates(Engine engine, Planner planner, StackLookup lookup) {
        this.planner = planner;
        this.preparation = new Preparation(engine);
        this.lookup = lookup;
    }

    public ValidateTemplateResponse validateTemplate(ValidateTemplateRequest r) {
        Planner.Plan plan = planner.plan(r.templateBody(), r.templateURL());
        preparation.checkTypes(plan.processed());
        ObjectNode original = TemplateReader.read(plan.body());
        JsonNode declared = original.path("Parameters");
        Parameters.checkDeclarations(plan.processed().parameters());
        List<TemplateParameter> parameters = new ArrayList<>();
        declared.fields().forEachRemaining(e -> parameters.add(TemplateParameter.builder().parameterKey(e.getKey())
                .defaultValue(e.getValue().has("Default") ? text(e.getValue().get("Default")) : null)
                .noEcho(e.getValue().path("NoEcho").asText("false").equalsIgnoreCase("true"))
                .description(e.getValue().has("Description") ? e.getValue().get("Description").asText() : null)
                .build()));
        Capabilities.Required required = Capabilities.required(plan.processed().resources());
        return ValidateTemplateResponse.builder().parameters(parameters)
                .description(original.has("Description") ? original.get("Description").asText() : null)
                .capabilitiesWithStrings(required.capabilities()).capabilitiesReason(required.reason())
                .declaredTransforms(plan.declared()).build();
    }

    public GetTemplateSummaryResponse getTemplateSummary(GetTemplateSummaryRequest r) {
        Planner.Plan plan;
        if (r.stackName() != null) {
            StackRecord s = lookup.require(r.stackName());
            plan = planner.planBody(s.templateBody);
        } else {
            plan = planner.plan(r.templateBody(), r.templateURL());
        }
        Template processed = plan.processed();
        preparation.checkTypes(processed);
        Parameters.checkDeclarations(processed.parameters());
        List<ParameterDeclaration> parameters = new ArrayList<>();
        processed.parameters().fields().forEachRemaining(e -> {
            JsonNode d = e.getValue();
            List<String> allowed = new ArrayList<>();
            d.path("AllowedValues").forEach(v -> allowed.add(v.asText()));
            parameters.add(ParameterDeclaration.builder().parameterKey(e.getKey())
                    .defaultValue(d.has("Default") ? text(d.get("Default")) : null)
                    .parameterType(d.path("Type").asText())
                    .noEcho(d.path("NoEcho").asText("false").equalsIgnoreCase("true"))
                    .description(d.has("Description") ? d.get("Description").asText() : null)
                    .parameterConstraints(c -> c.allowedValues(allowed)).build());
        });
        Capabilities.Required required = Capabilities.required(processed.resources());
        List<String> capabilities = new ArrayList<>(required.capabilities());
        if (!plan.declared().isEmpty()) {
            capabilities.add("CAPABILITY_AUTO_EXPAND");
        }
        JsonNode metadata = processed.root().get("Metadata");
        return GetTemplateSummaryResponse.builder().parameters(parameters).description(processed.description())
                .capabilitiesWithStrings(capabilities).capabilitiesReason(required.reason())
                .resourceTypes(processed.resourceTypes())
                .version(processed.root().path("AWSTemplateFormatVersion").asText("2010-09-09"))
                .metadata(metadata == null ? null : metadata.toString()).declaredTransforms(plan.declared()).build();
    }

    private static String text(JsonNode v) {
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(e.asText()));
            return String.join(",", parts);
        }
        return v.asText();
    }
}
