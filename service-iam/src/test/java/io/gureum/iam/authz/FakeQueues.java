package io.gureum.iam.authz;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.PurgeQueueRequest;
import software.amazon.awssdk.services.sqs.model.PurgeQueueResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesResponse;

/**
 * A stand-in for SQS in the authorizer's tests: queues with an owner and a {@code Policy}, and
 * {@link ServiceInstance#resourceAccess} answering for them as the real SQS does.
 */
public final class FakeQueues implements AwsService {
    /** A queue's owner and policy. */
    record Queue(String account, String name, String policy) {
    }

    /** The provider: CreateQueue, SetQueueAttributes (Policy), SendMessage and PurgeQueue. */
    public static final class Provider {
        final Map<String, Queue> byArn = new ConcurrentHashMap<>();

        public CreateQueueResponse createQueue(CreateQueueRequest r) {
            RequestContext ctx = RequestContext.current();
            byArn.putIfAbsent(arn(ctx.region(), ctx.accountId(), r.queueName()),
                    new Queue(ctx.accountId(), r.queueName(), r.attributes().get(QueueAttributeName.POLICY)));
            return CreateQueueResponse.builder().queueUrl("http://" + ctx.host() + "/" + ctx.accountId() + "/"
                    + r.queueName()).build();
        }

        public SetQueueAttributesResponse setQueueAttributes(SetQueueAttributesRequest r) {
            String arn = arnOf(r.queueUrl());
            Queue q = byArn.get(arn);
            byArn.put(arn, new Queue(q.account(), q.name(), r.attributes().get(QueueAttributeName.POLICY)));
            return SetQueueAttributesResponse.builder().build();
        }

        public SendMessageResponse sendMessage(SendMessageRequest r) {
            return SendMessageResponse.builder().messageId("1").build();
        }

        public PurgeQueueResponse purgeQueue(PurgeQueueRequest r) {
            return PurgeQueueResponse.builder().build();
        }

        private static String arnOf(String url) {
            String[] parts = url.replaceFirst("^[a-z]+://[^/]*/", "").split("/");
            return arn(RequestContext.current().region(), parts[0], parts[1]);
        }

        static String arn(String region, String account, String name) {
            return "arn:aws:sqs:" + region + ":" + account + ":" + name;
        }
    }

    @Override
    public String name() {
        return "sqs";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.sqs.SqsClient";
    }

    @Override
    public String xmlNamespace() {
        return "http://queue.amazonaws.com/doc/2012-11-05/";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Provider.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        Provider provider = new Provider();
        return new ServiceInstance() {
            @Override
            public List<Object> providers() {
                return List.of(provider);
            }

            @Override
            public ResourceAccess resourceAccess(String arn) {
                Queue q = provider.byArn.get(arn);
                return q == null ? null : new ResourceAccess(q.account(), q.policy());
            }
        };
    }
}
