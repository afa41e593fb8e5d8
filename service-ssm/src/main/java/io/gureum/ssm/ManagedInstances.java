package io.gureum.ssm;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What associations and resource data syncs read from other services, in-process as
 * {@code ssm.amazonaws.com} and without the module's lock: EC2 instances (DescribeInstances) and S3 buckets
 * (HeadBucket). An instance counts while it is pending, running, stopping or stopped — the states
 * {@code InvalidInstanceId} names as valid.
 */
final class ManagedInstances {
    private static final Set<String> VALID = Set.of("pending", "running", "stopping", "stopped");

    private final ServiceClients clients;
    private final SsmState state;

    ManagedInstances(ServiceClients clients, SsmState state) {
        this.clients = clients;
        this.state = state;
    }

    /** The caller's instance {@code id} with its tags, when EC2 has it in a valid state. */
    Optional<Map<String, String>> instance(String id) {
        if (!clients.serves(Ec2Client.class)) {
            return Optional.empty();
        }
        try {
            List<Instance> found = new ArrayList<>();
            state.unlocked(() -> ec2().describeInstances(b -> b.instanceIds(id))).reservations()
                    .forEach(r -> found.addAll(r.instances()));
            return found.stream().filter(i -> VALID.contains(i.state().nameAsString())).findFirst()
                    .map(i -> i.tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> a)));
        } catch (AwsServiceException e) {
            return Optional.empty(); // InvalidInstanceID.NotFound / .Malformed
        }
    }

    /** Whether the caller's bucket exists (HeadBucket), asked in {@code region}. */
    boolean bucketExists(String bucket, String region) {
        if (!clients.serves(S3Client.class)) {
            return false;
        }
        RequestContext ctx = RequestContext.current();
        try {
            state.unlocked(() -> clients.client(S3Client.class,
                    Caller.service("ssm.amazonaws.com", ctx.accountId(), region, null)).headBucket(b -> b.bucket(bucket)));
            return true;
        } catch (AwsServiceException | IllegalArgumentException e) {
            return false;
        }
    }

    private Ec2Client ec2() {
        RequestContext ctx = RequestContext.current();
        return clients.client(Ec2Client.class, Caller.service("ssm.amazonaws.com", ctx.accountId(), ctx.region(), null));
    }
}
