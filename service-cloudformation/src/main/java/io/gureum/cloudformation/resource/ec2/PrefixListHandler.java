package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AddPrefixListEntry;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.RemovePrefixListEntry;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::PrefixList}: a customer-managed prefix list. {@code Ref} is its id; {@code Fn::GetAtt}
 * gives {@code PrefixListId}, {@code Arn}, {@code OwnerId} and {@code Version}. {@code AddressFamily} replaces
 * it; the name, {@code MaxEntries}, {@code Entries} and tags change in place (ModifyManagedPrefixList, each
 * change of the entries making a new version).
 */
public final class PrefixListHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("AddressFamily", "Entries", "MaxEntries", "PrefixListName",
            "Tags");

    @Override
    public String type() {
        return "AWS::EC2::PrefixList";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AddressFamily");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Map<String, String> entries = entries(r.property("Entries"));
        ManagedPrefixList p = ec2(r).createManagedPrefixList(b -> b.prefixListName(r.requiredText("PrefixListName"))
                .addressFamily(r.requiredText("AddressFamily")).maxEntries(r.integer("MaxEntries"))
                .entries(entries.entrySet().stream().map(e -> AddPrefixListEntry.builder().cidr(e.getKey())
                        .description(e.getValue()).build()).toList())
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.PREFIX_LIST))).prefixList();
        return result(p);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("PrefixListName") || changed.contains("MaxEntries") || changed.contains("Entries")) {
            ManagedPrefixList now = describe(ec2, id);
            Map<String, String> before = entries(r.previousProperties().get("Entries"));
            Map<String, String> after = entries(r.property("Entries"));
            List<RemovePrefixListEntry> removed = before.keySet().stream().filter(c -> !after.containsKey(c))
                    .map(c -> RemovePrefixListEntry.builder().cidr(c).build()).toList();
            List<AddPrefixListEntry> added = after.entrySet().stream()
                    .filter(e -> !before.containsKey(e.getKey())
                            || !Objects.equals(before.get(e.getKey()), e.getValue()))
                    .map(e -> AddPrefixListEntry.builder().cidr(e.getKey()).description(e.getValue()).build())
                    .toList();
            boolean entriesChange = !removed.isEmpty() || !added.isEmpty();
            ec2.modifyManagedPrefixList(b -> b.prefixListId(id)
                    .currentVersion(entriesChange ? now.version() : null)
                    .prefixListName(changed.contains("PrefixListName") ? r.text("PrefixListName") : null)
                    .maxEntries(changed.contains("MaxEntries") ? r.integer("MaxEntries") : null)
                    .removeEntries(removed.isEmpty() ? null : removed).addEntries(added.isEmpty() ? null : added));
        }
        Ec2Support.retag(r, id);
        return result(describe(ec2, id));
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteManagedPrefixList(b -> b.prefixListId(r.physicalId())));
    }

    private static ManagedPrefixList describe(Ec2Client ec2, String id) {
        return ec2.describeManagedPrefixLists(b -> b.prefixListIds(id)).prefixLists().get(0);
    }

    private static Created result(ManagedPrefixList p) {
        return Created.of(p.prefixListId()).attribute("PrefixListId", p.prefixListId())
                .attribute("Arn", p.prefixListArn()).attribute("OwnerId", p.ownerId())
                .attribute("Version", String.valueOf(p.version()));
    }

    /** The {@code Entries} list as cidr to description. */
    private static Map<String, String> entries(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        if (list != null) {
            list.forEach(e -> out.put(Ec2Support.text(e, "Cidr"), Ec2Support.text(e, "Description")));
        }
        return out;
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        ManagedPrefixList p;
        try {
            List<ManagedPrefixList> found = ec2.describeManagedPrefixLists(b -> b.prefixListIds(r.physicalId()))
                    .prefixLists();
            p = found.isEmpty() ? null : found.get(0);
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            if (Ec2Support.notFound(e)) {
                return null;
            }
            throw e;
        }
        if (p == null || "delete-complete".equals(p.stateAsString())) {
            return null;
        }
        var d = new io.gureum.cloudformation.resource.common.Drift(r).put("PrefixListName", p.prefixListName())
                .put("AddressFamily", p.addressFamily()).put("MaxEntries", p.maxEntries());
        // Entries are not read: Gureum's GetManagedPrefixListEntries does not return the entries' descriptions,
        // so a template's described entries would read as drifted.
        return d.result();
    }
}
