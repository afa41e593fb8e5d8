package io.gureum.ssm;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.util.Comparator;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/** EC2's AMIs, read in-process as {@code ssm.amazonaws.com} with DescribeImages. */
final class Images {
    private final ServiceClients clients;
    private final SsmState state;

    Images(ServiceClients clients, SsmState state) {
        this.clients = clients;
        this.state = state;
    }

    /** Whether {@code imageId} is an available AMI the caller can use (what {@code aws:ec2:image} requires). */
    boolean available(String imageId) {
        if (!imageId.matches("ami-[0-9a-f]{8}([0-9a-f]{9})?") || !clients.serves(Ec2Client.class)) {
            return false;
        }
        try {
            return state.unlocked(() -> ec2().describeImages(b -> b.imageIds(imageId))).images().stream()
                    .anyMatch(i -> "available".equals(i.stateAsString()));
        } catch (AwsServiceException e) {
            return false; // InvalidAMIID.NotFound / .Malformed
        }
    }

    /** The newest available image of {@code owner} whose name matches {@code namePattern} (EC2's {@code *} wildcards). */
    Optional<Image> newest(String owner, String namePattern) {
        if (!clients.serves(Ec2Client.class)) {
            return Optional.empty();
        }
        return state.unlocked(() -> ec2().describeImages(b -> b.owners(owner).filters(
                Filter.builder().name("name").values(namePattern).build(),
                Filter.builder().name("state").values("available").build())))
                .images().stream()
                .max(Comparator.comparing(i -> i.creationDate() == null ? "" : i.creationDate()));
    }

    private Ec2Client ec2() {
        RequestContext ctx = RequestContext.current();
        return clients.client(Ec2Client.class, Caller.service("ssm.amazonaws.com", ctx.accountId(), ctx.region(), null));
    }
}
