package io.gureum.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.engine.ChangeSetRecord;
import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.Prepared;
import io.gureum.cloudformation.engine.ResourceRecord;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.template.TemplateError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.ResourceToImport;

/**
 * What CreateChangeSet checks of an IMPORT change set's {@code ResourcesToImport}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resource-import.html): each names a resource of
 * the template, of that type, with a {@code DeletionPolicy}, of a type that can be imported, by its primary
 * identifier, not already in a stack; and the template adds no other resource. Whether the resource exists in
 * its service is checked when the change set runs (IMPORT_FAILED, then IMPORT_ROLLBACK_COMPLETE).
 */
final class Imports {
    /** The primary identifier of each type whose handler can read a resource. */
    private static final Map<String, String> IDENTIFIERS = Map.ofEntries(Map.entry("AWS::SQS::Queue", "QueueUrl"),
            Map.entry("AWS::EC2::VPC", "VpcId"), Map.entry("AWS::EC2::Subnet", "SubnetId"),
            Map.entry("AWS::IAM::Role", "RoleName"), Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
            Map.entry("AWS::SSM::Parameter", "Name"), Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::SNS::Topic", "TopicArn"), Map.entry("AWS::ECR::Repository", "RepositoryName"),
            Map.entry("AWS::EC2::PlacementGroup", "GroupName"), Map.entry("AWS::EC2::PrefixList", "PrefixListId"),
            Map.entry("AWS::EC2::CustomerGateway", "CustomerGatewayId"),
            Map.entry("AWS::EC2::DHCPOptions", "DhcpOptionsId"), Map.entry("AWS::EC2::EgressOnlyInternetGateway", "Id"),
            Map.entry("AWS::Scheduler::ScheduleGroup", "Name"), Map.entry("AWS::Scheduler::Schedule", "Name"),
            Map.entry("AWS::Logs::QueryDefinition", "QueryDefinitionId"), Map.entry("AWS::EC2::VPNGateway",
                    "VPNGatewayId"), Map.entry("AWS::EC2::TransitGatewayRouteTable", "TransitGatewayRouteTableId"));

    private Imports() {
    }

    /** The resources to import, logical id → identifier; ValidationErrors as AWS words them. */
    static Map<String, String> check(Engine engine, CloudFormationState.Region region, StackRecord existing,
            Prepared prepared, List<ResourceToImport> resources) {
        Map<String, ? extends JsonNode> template = prepared.template().resourceMap();
        Map<String, String> out = new LinkedHashMap<>();
        List<String> noPolicy = new ArrayList<>();
        for (ResourceToImport r : resources) {
            JsonNode def = template.get(r.logicalResourceId());
            if (def == null || !r.resourceType().equals(def.path("Type").asText())) {
                throw TemplateError.validation("Resource " + r.logicalResourceId() + " of type " + r.resourceType()
                        + " in ResourcesToImport does not match a resource of the template");
            }
            ResourceHandler handler = engine.handlers().find(r.resourceType());
            if (handler == null || !handler.importable()) {
                throw TemplateError.validation("ResourceTypes [" + r.resourceType() + "] are not supported for Import");
            }
            if (!def.has("DeletionPolicy")) {
                noPolicy.add(r.logicalResourceId());
            }
            String key = IDENTIFIERS.get(r.resourceType());
            String id = key == null ? null : r.resourceIdentifier().get(key);
            if (id == null || r.resourceIdentifier().size() != 1) {
                throw TemplateError.validation("Invalid resource identifier " + r.resourceIdentifier().keySet()
                        + " for resource type " + r.resourceType() + ": expected [" + key + "]");
            }
            if (existing != null && existing.resources.containsKey(r.logicalResourceId())
                    && existing.resources.get(r.logicalResourceId()).exists()) {
                throw TemplateError.validation("Resource " + r.logicalResourceId() + " already exists in the stack");
            }
            for (StackRecord other : region.stacks.values()) {
                for (ResourceRecord res : other.resources.values()) {
                    if (!other.deleted() && res.exists() && res.type.equals(r.resourceType())
                            && res.physicalId.equals(id)) {
                        throw TemplateError.validation("Resource with identifier " + id + " of type "
                                + r.resourceType() + " already exists in stack " + other.stackId);
                    }
                }
            }
            out.put(r.logicalResourceId(), id);
        }
        if (!noPolicy.isEmpty()) {
            throw TemplateError.validation("The following resources to import " + noPolicy + " must have"
                    + " DeletionPolicy attribute specified in the template.");
        }
        List<String> added = new ArrayList<>();
        for (String id : template.keySet()) {
            boolean kept = existing != null && existing.resources.containsKey(id) && existing.resources.get(id).exists();
            if (!kept && !out.containsKey(id) && prepared.graph().containsKey(id)) {
                added.add(id);
            }
        }
        if (existing != null) {
            List<String> removed = existing.resources.values().stream().filter(res -> res.exists()
                    && !template.containsKey(res.logicalId)).map(res -> res.logicalId).toList();
            if (!removed.isEmpty()) {
                throw TemplateError.validation("As part of the import operation, you cannot remove resources from"
                        + " the stack: " + removed);
            }
        }
        if (!added.isEmpty()) {
            throw TemplateError.validation("As part of the import operation, you cannot add resources that are not"
                    + " in ResourcesToImport: " + added);
        }
        return out;
    }

    /** One Import row per resource. */
    static List<ChangeSetRecord.ResourceChangeRow> changes(Prepared prepared, Map<String, String> imports) {
        List<ChangeSetRecord.ResourceChangeRow> rows = new ArrayList<>();
        imports.forEach((logicalId, id) -> rows.add(new ChangeSetRecord.ResourceChangeRow("Import", logicalId, id,
                prepared.template().resourceMap().get(logicalId).path("Type").asText(), null, List.of(), List.of())));
        return rows;
    }
}
