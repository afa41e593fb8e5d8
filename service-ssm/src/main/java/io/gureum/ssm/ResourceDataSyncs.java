package io.gureum.ssm;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.AccountRegionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ssm.model.CreateResourceDataSyncRequest;
import software.amazon.awssdk.services.ssm.model.CreateResourceDataSyncResponse;
import software.amazon.awssdk.services.ssm.model.DeleteResourceDataSyncRequest;
import software.amazon.awssdk.services.ssm.model.DeleteResourceDataSyncResponse;
import software.amazon.awssdk.services.ssm.model.ListResourceDataSyncRequest;
import software.amazon.awssdk.services.ssm.model.ListResourceDataSyncResponse;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncAwsOrganizationsSource;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncDestinationDataSharing;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncItem;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncOrganizationalUnit;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncS3Destination;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncSource;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncSourceWithState;
import software.amazon.awssdk.services.ssm.model.UpdateResourceDataSyncRequest;
import software.amazon.awssdk.services.ssm.model.UpdateResourceDataSyncResponse;

/**
 * Resource data syncs (CreateResourceDataSync … DeleteResourceDataSync): their configuration is checked and
 * kept — a SyncToDestination's bucket must exist (HeadBucket in-process) — but no Inventory or OpsData is
 * ever written or read, so {@code LastStatus} and the sync times stay unset.
 */
final class ResourceDataSyncs {
    /** Gureum's reading of the quota "Resource data syncs: 5 per account per Region". */
    static final int MAX_SYNCS = 5;
    static final String TO_DESTINATION = "SyncToDestination";
    static final String FROM_SOURCE = "SyncFromSource";
    private static final Set<String> SOURCE_TYPES = Set.of("AwsOrganizations", "SingleAccountMultiRegions");
    private static final Set<String> ORGANIZATION_TYPES = Set.of("EntireOrganization", "OrganizationalUnits");

    private final SsmState state;
    private final AccountRegionStore<AssociationStore> all;
    private final ManagedInstances instances;

    ResourceDataSyncs(SsmState state, AccountRegionStore<AssociationStore> all, ManagedInstances instances) {
        this.state = state;
        this.all = all;
        this.instances = instances;
    }

    private AssociationStore current() {
        RequestContext ctx = RequestContext.current();
        return all.get(ctx.accountId(), ctx.region());
    }

    public CreateResourceDataSyncResponse createResourceDataSync(CreateResourceDataSyncRequest r) {
        String type = r.syncType() == null ? TO_DESTINATION : r.syncType();
        StoredSync.Destination destination = null;
        StoredSync.Source source = null;
        if (type.equals(TO_DESTINATION)) {
            if (r.s3Destination() == null || r.syncSource() != null) {
                throw AssociationErrors.invalidSync("A SyncToDestination resource data sync needs an S3Destination"
                        + " and no SyncSource.");
            }
            destination = destination(r.s3Destination());
        } else if (type.equals(FROM_SOURCE)) {
            if (r.syncSource() == null || r.s3Destination() != null) {
                throw AssociationErrors.invalidSync("A SyncFromSource resource data sync needs a SyncSource and no"
                        + " S3Destination.");
            }
            source = source(r.syncSource());
        } else {
            throw AssociationErrors.invalidSync("SyncType " + type + " is not valid: use SyncToDestination or"
                    + " SyncFromSource.");
        }
        AssociationStore store = current();
        if (store.syncs.containsKey(r.syncName())) {
            throw AssociationErrors.syncExists(r.syncName());
        }
        if (store.syncs.size() >= MAX_SYNCS) {
            throw AssociationErrors.tooManySyncs();
        }
        java.time.Instant now = state.now(); // created and last modified are one instant
        store.syncs.put(r.syncName(), new StoredSync(r.syncName(), type, destination, source, now, now));
        return CreateResourceDataSyncResponse.builder().build();
    }

    public UpdateResourceDataSyncResponse updateResourceDataSync(UpdateResourceDataSyncRequest r) {
        StoredSync s = named(r.syncName(), r.syncType());
        if (!s.type().equals(FROM_SOURCE)) {
            throw AssociationErrors.invalidSync("Only a SyncFromSource resource data sync can be updated.");
        }
        StoredSync.Source source = source(r.syncSource());
        if (!source.sourceType().equals(s.source().sourceType())) {
            throw AssociationErrors.invalidSync("The SourceType of a resource data sync can't be changed.");
        }
        current().syncs.put(s.name(), new StoredSync(s.name(), s.type(), null, source, s.created(), state.now()));
        return UpdateResourceDataSyncResponse.builder().build();
    }

    public DeleteResourceDataSyncResponse deleteResourceDataSync(DeleteResourceDataSyncRequest r) {
        StoredSync s = named(r.syncName(), r.syncType());
        current().syncs.remove(s.name());
        return DeleteResourceDataSyncResponse.builder().build();
    }

    /** The syncs of one type ({@code SyncToDestination} when none is given), in name order. */
    public ListResourceDataSyncResponse listResourceDataSync(ListResourceDataSyncRequest r) {
        String type = r.syncType() == null ? TO_DESTINATION : r.syncType();
        if (!type.equals(TO_DESTINATION) && !type.equals(FROM_SOURCE)) {
            throw AssociationErrors.invalidSync("SyncType " + type + " is not valid: use SyncToDestination or"
                    + " SyncFromSource.");
        }
        int max = r.maxResults() == null ? 50 : r.maxResults();
        String after = PageTokens.decode("resource-data-syncs", r.nextToken());
        List<ResourceDataSyncItem> page = new ArrayList<>();
        String next = null;
        String last = null;
        for (StoredSync s : current().syncs.values()) {
            if (!s.type().equals(type) || after != null && s.name().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == max) {
                next = PageTokens.encode("resource-data-syncs", last);
                break;
            }
            page.add(item(s));
            last = s.name();
        }
        return ListResourceDataSyncResponse.builder().resourceDataSyncItems(page).nextToken(next).build();
    }

    // ---------------------------------------------------------------------------------------------

    private StoredSync named(String name, String type) {
        StoredSync s = current().syncs.get(name);
        String wanted = type == null ? TO_DESTINATION : type;
        if (s == null || !s.type().equals(wanted)) {
            throw AssociationErrors.syncNotFound(name);
        }
        return s;
    }

    private StoredSync.Destination destination(ResourceDataSyncS3Destination d) {
        if (d.awskmsKeyARN() != null && !d.awskmsKeyARN().startsWith("arn:")) {
            throw AssociationErrors.invalidSync("AWSKMSKeyARN must be the ARN of a KMS key.");
        }
        String sharing = d.destinationDataSharing() == null ? null
                : d.destinationDataSharing().destinationDataSharingType();
        if (sharing != null && !sharing.equals("Organization")) {
            throw AssociationErrors.invalidSync("DestinationDataSharingType must be Organization.");
        }
        if (!instances.bucketExists(d.bucketName(), d.region())) {
            throw AssociationErrors.invalidSync("The S3 bucket " + d.bucketName() + " does not exist in "
                    + d.region() + ".");
        }
        return new StoredSync.Destination(d.bucketName(), d.prefix(), d.syncFormatAsString(), d.region(),
                d.awskmsKeyARN(), sharing);
    }

    private static StoredSync.Source source(ResourceDataSyncSource s) {
        if (!SOURCE_TYPES.contains(s.sourceType())) {
            throw AssociationErrors.invalidSync("SourceType " + s.sourceType() + " is not valid: use"
                    + " SingleAccountMultiRegions or AwsOrganizations.");
        }
        if (!s.hasSourceRegions() || s.sourceRegions().isEmpty()) {
            throw AssociationErrors.invalidSync("SourceRegions must name at least one Region.");
        }
        ResourceDataSyncAwsOrganizationsSource org = s.awsOrganizationsSource();
        if (s.sourceType().equals("AwsOrganizations") != (org != null)) {
            throw AssociationErrors.invalidSync("AwsOrganizationsSource is required with SourceType AwsOrganizations,"
                    + " and only with it.");
        }
        List<String> units = null;
        if (org != null) {
            if (!ORGANIZATION_TYPES.contains(org.organizationSourceType())) {
                throw AssociationErrors.invalidSync("OrganizationSourceType must be EntireOrganization or"
                        + " OrganizationalUnits.");
            }
            units = org.hasOrganizationalUnits() ? org.organizationalUnits().stream()
                    .map(ResourceDataSyncOrganizationalUnit::organizationalUnitId).toList() : List.of();
            if (org.organizationSourceType().equals("OrganizationalUnits") && units.isEmpty()) {
                throw AssociationErrors.invalidSync("OrganizationSourceType OrganizationalUnits needs"
                        + " OrganizationalUnits.");
            }
        }
        return new StoredSync.Source(s.sourceType(), org == null ? null : org.organizationSourceType(), units,
                List.copyOf(s.sourceRegions()), s.includeFutureRegions(), s.enableAllOpsDataSources());
    }

    private static ResourceDataSyncItem item(StoredSync s) {
        ResourceDataSyncItem.Builder b = ResourceDataSyncItem.builder().syncName(s.name()).syncType(s.type())
                .syncCreatedTime(s.created()).syncLastModifiedTime(s.modified());
        StoredSync.Destination d = s.destination();
        if (d != null) {
            b.s3Destination(ResourceDataSyncS3Destination.builder().bucketName(d.bucket()).prefix(d.prefix())
                    .syncFormat(d.format()).region(d.region()).awskmsKeyARN(d.kmsKeyArn())
                    .destinationDataSharing(d.sharingType() == null ? null : ResourceDataSyncDestinationDataSharing
                            .builder().destinationDataSharingType(d.sharingType()).build())
                    .build());
        }
        StoredSync.Source src = s.source();
        if (src != null) {
            b.syncSource(ResourceDataSyncSourceWithState.builder().sourceType(src.sourceType())
                    .sourceRegions(src.regions()).includeFutureRegions(src.includeFutureRegions())
                    .enableAllOpsDataSources(src.enableAllOpsDataSources())
                    .awsOrganizationsSource(src.organizationSourceType() == null ? null
                            : ResourceDataSyncAwsOrganizationsSource.builder()
                                    .organizationSourceType(src.organizationSourceType())
                                    .organizationalUnits(src.organizationalUnits().stream()
                                            .map(u -> ResourceDataSyncOrganizationalUnit.builder()
                                                    .organizationalUnitId(u).build()).toList())
                                    .build())
                    .build());
        }
        return b.build();
    }
}
