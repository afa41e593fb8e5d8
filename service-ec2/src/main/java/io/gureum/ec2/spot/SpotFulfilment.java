package io.gureum.ec2.spot;

import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import io.gureum.ec2.regional.ShapeCopy;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * Launches the instance of a Spot request with RunInstances through the EC2 API itself (ec2-contract.md):
 * the request's launch specification becomes a RunInstances request of one instance, its client token
 * the Spot request's ID so that a retried launch never makes two instances. A persistent request's
 * relaunch after its instance has gone adds the launch's ordinal: with the same token RunInstances would
 * answer the terminated instance again.
 */
final class SpotFulfilment {
    /** What RunInstances answered: an instance or an error. */
    record Outcome(Instance instance, String errorCode, String errorMessage) {
    }

    private final ServiceContext context;

    SpotFulfilment(ServiceContext context) {
        this.context = context;
    }

    /** Call holding no lock: the instance provider may call back into key pairs or placement groups. */
    Outcome launch(SpotRequest request, String clientToken) {
        RunInstancesRequest.Builder run = ((RunInstancesRequest) ShapeCopy.copy(request.launch,
                (SdkPojo) RunInstancesRequest.builder())).toBuilder();
        run.minCount(1).maxCount(1).clientToken(clientToken).instanceMarketOptions(m -> m.marketType("spot"));
        Ec2Client ec2 = context.clients().client(Ec2Client.class,
                Caller.service("ec2.amazonaws.com", request.ownerId, request.region, null));
        try {
            Instance i = ec2.runInstances(run.build()).instances().get(0);
            return new Outcome(i, null, null);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "InternalError" : e.awsErrorDetails().errorCode();
            return new Outcome(null, code, e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage());
        }
    }
}
