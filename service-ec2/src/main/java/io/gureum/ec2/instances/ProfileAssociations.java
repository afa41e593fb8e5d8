package io.gureum.ec2.instances;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.compute.PlaceRecords;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.persist.FieldJson;
import io.gureum.ec2common.persist.RecordSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AssociateIamInstanceProfileRequest;
import software.amazon.awssdk.services.ec2.model.AssociateIamInstanceProfileResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateIamInstanceProfileRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateIamInstanceProfileResponse;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfile;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.ReplaceIamInstanceProfileAssociationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceIamInstanceProfileAssociationResponse;

/**
 * IAM instance profile associations (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/attach-iam-role.html):
 * at most one per instance, made by RunInstances' {@code IamInstanceProfile} or AssociateIamInstanceProfile
 * (running or stopped instances), replaced on a running instance (a new association ID), disassociated. The
 * profile is resolved with IAM's GetInstanceProfile in-process, as at launch; the instance's
 * {@code IamInstanceProfile} and its metadata service's {@code iam/} credentials follow the association at
 * once. An association leaves the describe once disassociated or once its instance is terminated.
 */
public final class ProfileAssociations {
    static final String KIND = "iam-instance-profile-association";
    private static final Pattern ID = Pattern.compile("iip-assoc-[0-9a-f]{8,17}");

    private final Compute compute;
    private final LaunchReferences references;
    /** Each place's associations by ID; read and changed under the place's compute lock. */
    private final RegionalState<Map<String, ProfileAssociation>> stores = new RegionalState<>(
            (account, region) -> new LinkedHashMap<>());
    private final Ec2Filters<ProfileAssociation> filters = new Ec2Filters<ProfileAssociation>()
            .on("instance-id", a -> a.instanceId)
            .on("state", a -> a.state);

    ProfileAssociations(Compute compute, LaunchReferences references) {
        this.compute = compute;
        this.references = references;
    }

    private Map<String, ProfileAssociation> of(ComputeStore s) {
        return stores.of(s.account, s.region);
    }

    /** RunInstances with a profile: the instance's association, {@code associating} from launch. */
    void launched(ComputeStore s, Instance i, Instant now) {
        if (i.iamProfileArn != null) {
            ProfileAssociation a = create(i, now);
            of(s).put(a.id, a);
        }
    }

    private ProfileAssociation create(Instance i, Instant now) {
        ProfileAssociation a = new ProfileAssociation();
        a.id = compute.id("iip-assoc");
        a.instanceId = i.id;
        a.profileArn = i.iamProfileArn;
        a.profileId = i.iamProfileId;
        a.roleName = i.iamRoleName;
        a.roleArn = i.iamRoleArn;
        a.state = "associating";
        a.stateSince = now;
        a.timestamp = now;
        return a;
    }

    /** Settles states and drops associations that are over: disassociated, or of an instance that is gone. */
    private Map<String, ProfileAssociation> settled(ComputeStore s) {
        Instant now = compute.now();
        Map<String, ProfileAssociation> all = of(s);
        all.values().removeIf(a -> {
            Instance i = s.instances.get(a.instanceId);
            if (i == null) {
                return true;
            }
            InstanceState st = i.state(now);
            return a.state(now).equals("disassociated") || st == InstanceState.SHUTTING_DOWN
                    || st == InstanceState.TERMINATED;
        });
        return all;
    }

    private ProfileAssociation require(ComputeStore s, String id) {
        if (id == null || id.isEmpty()) {
            throw Ec2Errors.missing("AssociationId");
        }
        if (!ID.matcher(id).matches()) {
            throw Ec2Errors.invalidParameterValue("Invalid value for associationId.");
        }
        ProfileAssociation a = settled(s).get(id);
        if (a == null) {
            throw Ec2Error.INVALID_ASSOCIATION_ID_NOT_FOUND.of(id);
        }
        return a;
    }

    private static void requireSpec(IamInstanceProfileSpecification spec) {
        if (spec == null || (spec.arn() == null && spec.name() == null)) {
            throw Ec2Errors.missing("IamInstanceProfile");
        }
    }

    private static void apply(Instance i, LaunchReferences.Profile p) {
        i.iamProfileArn = p == null ? null : p.arn();
        i.iamProfileId = p == null ? null : p.id();
        i.iamRoleName = p == null ? null : p.roleName();
        i.iamRoleArn = p == null ? null : p.roleArn();
    }

    public AssociateIamInstanceProfileResponse associateIamInstanceProfile(AssociateIamInstanceProfileRequest r) {
        ComputeStore s = compute.store();
        requireSpec(r.iamInstanceProfile());
        Instance i = Instances.require(s, r.instanceId());
        Instant now = compute.now();
        InstanceState st = i.state(now);
        if (st != InstanceState.RUNNING && st != InstanceState.STOPPED) {
            throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in the 'running' "
                    + "or 'stopped' states.");
        }
        if (settled(s).values().stream().anyMatch(a -> a.instanceId.equals(i.id))) {
            throw Ec2Error.INCORRECT_STATE.withMessage("There is an existing association for instance " + i.id);
        }
        LaunchReferences.Profile p = references.instanceProfile(s, r.iamInstanceProfile());
        apply(i, p);
        ProfileAssociation a = create(i, now);
        of(s).put(a.id, a);
        return AssociateIamInstanceProfileResponse.builder().iamInstanceProfileAssociation(toSdk(a, now)).build();
    }

    public ReplaceIamInstanceProfileAssociationResponse replaceIamInstanceProfileAssociation(
            ReplaceIamInstanceProfileAssociationRequest r) {
        ComputeStore s = compute.store();
        requireSpec(r.iamInstanceProfile());
        ProfileAssociation old = require(s, r.associationId());
        Instant now = compute.now();
        Instance i = s.instances.get(old.instanceId);
        // AWS replaces only on a running instance; on a stopped one it answers that the association is not active.
        if (i.state(now) != InstanceState.RUNNING || old.state(now).equals("disassociating")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The association " + old.id + " is not the active association");
        }
        LaunchReferences.Profile p = references.instanceProfile(s, r.iamInstanceProfile());
        apply(i, p);
        of(s).remove(old.id);
        ProfileAssociation a = create(i, now);
        of(s).put(a.id, a);
        return ReplaceIamInstanceProfileAssociationResponse.builder().iamInstanceProfileAssociation(toSdk(a, now))
                .build();
    }

    public DisassociateIamInstanceProfileResponse disassociateIamInstanceProfile(
            DisassociateIamInstanceProfileRequest r) {
        ComputeStore s = compute.store();
        ProfileAssociation a = require(s, r.associationId());
        Instant now = compute.now();
        if (a.state(now).equals("disassociating")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The association " + a.id + " is not the active association");
        }
        apply(s.instances.get(a.instanceId), null);
        a.state = "disassociating";
        a.stateSince = now;
        return DisassociateIamInstanceProfileResponse.builder().iamInstanceProfileAssociation(toSdk(a, now)).build();
    }

    public DescribeIamInstanceProfileAssociationsResponse describeIamInstanceProfileAssociations(
            DescribeIamInstanceProfileAssociationsRequest r) {
        ComputeStore s = compute.store();
        Instant now = compute.now();
        List<ProfileAssociation> candidates;
        if (r.hasAssociationIds() && !r.associationIds().isEmpty()) {
            candidates = new ArrayList<>();
            for (String id : new LinkedHashSet<>(r.associationIds())) {
                candidates.add(require(s, id));
            }
        } else {
            candidates = new ArrayList<>(settled(s).values());
        }
        var keep = filters.predicate(r.filters());
        List<ProfileAssociation> matched = candidates.stream().filter(a -> {
            a.state(now);
            return keep.test(a);
        }).toList();
        var page = Pagination.page(matched, r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeIamInstanceProfileAssociationsResponse.builder()
                .iamInstanceProfileAssociations(page.items().stream().map(a -> toSdk(a, now)).toList())
                .nextToken(page.nextToken()).build();
    }

    private static IamInstanceProfileAssociation toSdk(ProfileAssociation a, Instant now) {
        return IamInstanceProfileAssociation.builder().associationId(a.id).instanceId(a.instanceId)
                .iamInstanceProfile(IamInstanceProfile.builder().arn(a.profileArn).id(a.profileId).build())
                .state(a.state(now)).timestamp(a.timestamp).build();
    }

    /** The associations' records for --data-dir, one per association. */
    PlaceFamily records() {
        return new PlaceFamily() {
            @Override
            public void each(String account, String region, RecordSink sink) {
                for (ProfileAssociation a : stores.of(account, region).values()) {
                    sink.accept(KIND, a.id, a);
                }
            }

            @Override
            public void restore(String account, String region, PlaceRecords in) {
                Map<String, ProfileAssociation> all = stores.of(account, region);
                in.of(KIND).values().stream().map(json -> FieldJson.read(json, ProfileAssociation.class))
                        .sorted(java.util.Comparator.comparing((ProfileAssociation a) -> a.timestamp)
                                .thenComparing(a -> a.id))
                        .forEach(a -> all.put(a.id, a));
            }
        };
    }
}
