package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEncryptionControlRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControl;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControlExclusion;

/**
 * {@code AWS::EC2::VPCEncryptionControl}. {@code Ref} is its ID; {@code Fn::GetAtt} gives
 * {@code VpcEncryptionControlId}, {@code State}, {@code StateMessage} and {@code ResourceExclusions} (an object of
 * each exclusion's {@code State}; each also as {@code ResourceExclusions.<Name>} and
 * {@code ResourceExclusions.<Name>.State}). {@code VpcId} replaces it; {@code Mode}, the eight {@code …ExclusionInput}
 * properties and {@code Tags} change in place, as AWS's resource reference marks them. EC2 creates a control in
 * monitor mode: a template asking for {@code enforce} or exclusions gets a ModifyVpcEncryptionControl once the
 * control is {@code available}. Every wait goes through {@link Polling} (no thread held) until the control leaves
 * its transitional state; {@code enforce-failed} fails the resource with EC2's StateMessage. Delete waits for
 * {@code deleted}.
 */
public final class VpcEncryptionControlHandler implements WaitingUpdateHandler {
    /** Template property → exclusion name in ResourceExclusions. */
    private static final Map<String, String> EXCLUSIONS = new LinkedHashMap<>();

    static {
        EXCLUSIONS.put("InternetGatewayExclusionInput", "InternetGateway");
        EXCLUSIONS.put("EgressOnlyInternetGatewayExclusionInput", "EgressOnlyInternetGateway");
        EXCLUSIONS.put("NatGatewayExclusionInput", "NatGateway");
        EXCLUSIONS.put("VirtualPrivateGatewayExclusionInput", "VirtualPrivateGateway");
        EXCLUSIONS.put("VpcPeeringExclusionInput", "VpcPeering");
        EXCLUSIONS.put("LambdaExclusionInput", "Lambda");
        EXCLUSIONS.put("VpcLatticeExclusionInput", "VpcLattice");
        EXCLUSIONS.put("ElasticFileSystemExclusionInput", "ElasticFileSystem");
    }

    private static final Set<String> SERVED;

    static {
        java.util.Set<String> served = new java.util.HashSet<>(EXCLUSIONS.keySet());
        served.addAll(Set.of("VpcId", "Mode", "Tags"));
        SERVED = Set.copyOf(served);
    }

    private static final Set<String> TRANSITIONAL = Set.of("creating", "monitor-in-progress", "enforce-in-progress",
            "deleting");
    private static final Duration LIMIT = Duration.ofMinutes(10);

    @Override
    public String type() {
        return "AWS::EC2::VPCEncryptionControl";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("VpcId");
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createVpcEncryptionControl(b -> b.vpcId(r.requiredText("VpcId"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VPC_ENCRYPTION_CONTROL))).vpcEncryptionControl()
                .vpcEncryptionControlId();
        return settled(ec2, id).thenCompose(c -> {
            ModifyVpcEncryptionControlRequest modify = modification(r, c, true);
            if (modify == null) {
                return CompletableFuture.completedFuture(created(c));
            }
            ec2.modifyVpcEncryptionControl(modify);
            return settled(ec2, id).thenApply(VpcEncryptionControlHandler::created);
        });
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Ec2Support.retag(r, id);
        ModifyVpcEncryptionControlRequest modify = modification(r, describe(ec2, id), false);
        if (modify == null) {
            return CompletableFuture.completedFuture(created(describe(ec2, id)));
        }
        ec2.modifyVpcEncryptionControl(modify);
        return settled(ec2, id).thenApply(VpcEncryptionControlHandler::created);
    }

    /**
     * What to ask of ModifyVpcEncryptionControl to reach the template's mode and exclusions, or null when the
     * control already has them. A property left out of the template means monitor mode and no exclusion.
     */
    private static ModifyVpcEncryptionControlRequest modification(ResourceRequest r, VpcEncryptionControl c,
            boolean creating) {
        ModifyVpcEncryptionControlRequest.Builder b = ModifyVpcEncryptionControlRequest.builder()
                .vpcEncryptionControlId(c.vpcEncryptionControlId());
        boolean any = false;
        String mode = r.has("Mode") ? r.text("Mode") : "monitor";
        if (!mode.equals(c.modeAsString())) {
            b.mode(mode);
            any = true;
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        for (var e : EXCLUSIONS.entrySet()) {
            String wanted = r.has(e.getKey()) ? r.text(e.getKey()) : creating ? null : "disable";
            if (wanted == null) {
                continue;
            }
            String now = exclusionState(c, e.getValue());
            boolean on = now.equals("enabled") || now.equals("enabling");
            if (wanted.equals("enable") != on || !wanted.equals("enable") && !wanted.equals("disable")) {
                inputs.put(e.getValue(), wanted);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        b.internetGatewayExclusion(inputs.get("InternetGateway"))
                .egressOnlyInternetGatewayExclusion(inputs.get("EgressOnlyInternetGateway"))
                .natGatewayExclusion(inputs.get("NatGateway"))
                .virtualPrivateGatewayExclusion(inputs.get("VirtualPrivateGateway"))
                .vpcPeeringExclusion(inputs.get("VpcPeering")).lambdaExclusion(inputs.get("Lambda"))
                .vpcLatticeExclusion(inputs.get("VpcLattice")).elasticFileSystemExclusion(inputs.get("ElasticFileSystem"));
        return b.build();
    }

    private static String exclusionState(VpcEncryptionControl c, String name) {
        var x = c.resourceExclusions();
        VpcEncryptionControlExclusion e = x == null ? null : switch (name) {
            case "InternetGateway" -> x.internetGateway();
            case "EgressOnlyInternetGateway" -> x.egressOnlyInternetGateway();
            case "NatGateway" -> x.natGateway();
            case "VirtualPrivateGateway" -> x.virtualPrivateGateway();
            case "VpcPeering" -> x.vpcPeering();
            case "Lambda" -> x.lambda();
            case "VpcLattice" -> x.vpcLattice();
            default -> x.elasticFileSystem();
        };
        return e == null || e.stateAsString() == null ? "disabled" : e.stateAsString();
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.deleteVpcEncryptionControl(b -> b.vpcEncryptionControlId(id));
            return Polling.settled("VPC encryption control " + id, () -> ec2.describeVpcEncryptionControls(b -> b
                    .vpcEncryptionControlIds(id)).vpcEncryptionControls().stream()
                    .allMatch(c -> "deleted".equals(c.stateAsString())));
        });
    }

    /** The control once it has left its transitional state; failed when that ended in a failure. */
    private static CompletableFuture<VpcEncryptionControl> settled(Ec2Client ec2, String id) {
        return Polling.until(() -> {
            VpcEncryptionControl c = describe(ec2, id);
            String state = c.stateAsString();
            if (TRANSITIONAL.contains(state)) {
                return null;
            }
            if (state.endsWith("-failed")) {
                return Polling.Outcome.failed("VPC encryption control " + id + " is " + state
                        + (c.stateMessage() == null ? "" : ": " + c.stateMessage()));
            }
            return Polling.Outcome.done(c);
        }, LIMIT, "VPC encryption control " + id + " did not stabilize");
    }

    private static VpcEncryptionControl describe(Ec2Client ec2, String id) {
        return ec2.describeVpcEncryptionControls(b -> b.vpcEncryptionControlIds(id)).vpcEncryptionControls().get(0);
    }

    private static Created created(VpcEncryptionControl c) {
        ObjectNode exclusions = JsonNodeFactory.instance.objectNode();
        Created out = Created.of(c.vpcEncryptionControlId());
        for (String name : EXCLUSIONS.values()) {
            ObjectNode one = exclusions.putObject(name).put("State", exclusionState(c, name));
            out = out.attribute("ResourceExclusions." + name, one)
                    .attribute("ResourceExclusions." + name + ".State", one.get("State").asText());
        }
        return out.attribute("VpcEncryptionControlId", c.vpcEncryptionControlId())
                .attribute("State", c.stateAsString())
                .attribute("StateMessage", c.stateMessage() == null ? "" : c.stateMessage())
                .attribute("ResourceExclusions", exclusions);
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        VpcEncryptionControl c = Ec2Support.described(() -> ec2(r).describeVpcEncryptionControls(b -> b
                .vpcEncryptionControlIds(r.physicalId())).vpcEncryptionControls(),
                found -> Set.of("deleting", "deleted").contains(found.stateAsString()));
        if (c == null) {
            return null;
        }
        return new Drift(r).put("VpcId", c.vpcId()).put("Mode", c.modeAsString()).result();
    }
}
