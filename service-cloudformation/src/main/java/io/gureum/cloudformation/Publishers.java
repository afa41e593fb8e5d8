package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.PublisherRecord;
import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import software.amazon.awssdk.services.cloudformation.model.CfnRegistryException;
import software.amazon.awssdk.services.cloudformation.model.DescribePublisherRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribePublisherResponse;
import software.amazon.awssdk.services.cloudformation.model.RegisterPublisherRequest;
import software.amazon.awssdk.services.cloudformation.model.RegisterPublisherResponse;

/**
 * RegisterPublisher and DescribePublisher: the caller's account registers as a publisher of public extensions
 * once, for all Regions ("This publisher ID applies to your account in all AWS Regions"), after accepting the
 * registry's terms and conditions; its identity provider is the AWS Marketplace (the account itself). The model
 * says every registered publisher is {@code VERIFIED}. A {@code ConnectionArn} (a GitHub or Bitbucket account
 * verified through an AWS CodeStar connection) answers 501: Gureum serves no CodeStar Connections API, so no
 * connection can be verified.
 */
public final class Publishers {
    private final Engine engine;
    private final CloudFormationState state;

    Publishers(Engine engine) {
        this.engine = engine;
        this.state = engine.state();
    }

    public RegisterPublisherResponse registerPublisher(RegisterPublisherRequest r) {
        if (r.connectionArn() != null) {
            throw new AwsException("NotImplemented", "Gureum cannot verify a publisher through ConnectionArn: it"
                    + " serves no AWS CodeStar Connections API. Register without ConnectionArn (AWS Marketplace"
                    + " identity).", 501);
        }
        if (!Boolean.TRUE.equals(r.acceptTermsAndConditions())) {
            throw ModeledErrors.of(CfnRegistryException.class, "You must accept the terms and conditions to register"
                    + " as a publisher (AcceptTermsAndConditions).");
        }
        String account = RequestContext.current().accountId();
        PublisherRecord p = state.publishers.get(account);
        if (p == null) {
            p = new PublisherRecord();
            p.accountId = account;
            p.publisherId = engine.context().ids().hex(40);
            p.identityProvider = "AWS_Marketplace";
            p.registered = engine.context().clock().now();
            state.publishers.put(account, p);
            state.records.changed(p);
        }
        return RegisterPublisherResponse.builder().publisherId(p.publisherId).build();
    }

    public DescribePublisherResponse describePublisher(DescribePublisherRequest r) {
        PublisherRecord p = null;
        if (r.publisherId() == null) {
            p = state.publishers.get(RequestContext.current().accountId());
            if (p == null) {
                throw ModeledErrors.of(CfnRegistryException.class, "Account "
                        + RequestContext.current().accountId() + " is not registered as a publisher");
            }
        } else {
            for (PublisherRecord candidate : state.publishers.values()) {
                if (candidate.publisherId.equals(r.publisherId())) {
                    p = candidate;
                }
            }
            if (p == null) {
                throw ModeledErrors.of(CfnRegistryException.class, "Publisher " + r.publisherId() + " not found");
            }
        }
        return DescribePublisherResponse.builder().publisherId(p.publisherId).publisherStatus("VERIFIED")
                .identityProvider(p.identityProvider).build();
    }
}
