package io.gureum.ec2;

import io.gureum.core.error.AwsException;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.ec2common.Ec2Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/**
 * TEST DOUBLE of the instances branch's share of the EC2 API (ec2-contract.md): DescribeImages knows one
 * image, DescribeInstances one instance, and RunInstances records what it was asked and answers one
 * pending instance. The integrator replaces it with the real providers.
 */
final class InstancesTestDouble implements AwsService {
    static final String IMAGE = "ami-0123456789abcdef0";
    static final String INSTANCE = "i-0123456789abcdef0";
    static final String BUSY_GROUP = "busy";

    /** The RunInstances requests the double received. */
    static final List<RunInstancesRequest> RUNS = new ArrayList<>();
    static final Map<String, String> INSTANCE_TYPES = new ConcurrentHashMap<>();
    /** Instances a test has marked terminated. */
    static final Set<String> TERMINATED = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return Ec2Api.NAME;
    }

    @Override
    public String clientInterface() {
        return Ec2Api.CLIENT_INTERFACE;
    }

    @Override
    public String xmlNamespace() {
        return Ec2Api.XML_NAMESPACE;
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Provider.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return ServiceInstance.of(new Provider(context));
    }

    public static final class Provider {
        private final ServiceContext context;

        Provider(ServiceContext context) {
            this.context = context;
        }

        public DescribeImagesResponse describeImages(DescribeImagesRequest r) {
            List<Image> out = new ArrayList<>();
            for (String id : r.imageIds()) {
                if (!id.equals(IMAGE)) {
                    throw new AwsException("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist", 400);
                }
                out.add(Image.builder().imageId(id).build());
            }
            return DescribeImagesResponse.builder().images(out).build();
        }

        public DescribeInstancesResponse describeInstances(DescribeInstancesRequest r) {
            // A placement group named "busy" has an instance in it; any other has none.
            for (var f : r.filters()) {
                if (f.name().equals("placement-group-name") && !f.values().contains(BUSY_GROUP)) {
                    return DescribeInstancesResponse.builder().build();
                }
            }
            List<Instance> found = new ArrayList<>();
            for (String id : r.instanceIds()) {
                if (id.equals(INSTANCE)) {
                    found.add(Instance.builder().instanceId(INSTANCE).imageId(IMAGE).instanceType("t3.micro")
                            .keyName("my-key").ebsOptimized(false)
                            .placement(p -> p.availabilityZone("ap-northeast-2a").tenancy("default"))
                            .monitoring(m -> m.state("disabled")).state(st -> st.name("running")).build());
                } else if (INSTANCE_TYPES.containsKey(id)) {
                    found.add(Instance.builder().instanceId(id).instanceType(INSTANCE_TYPES.get(id))
                            .state(st -> st.name(TERMINATED.contains(id) ? "terminated" : "running")).build());
                } else {
                    throw new AwsException("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist", 400);
                }
            }
            if (r.instanceIds().isEmpty()) {
                found.add(Instance.builder().instanceId(INSTANCE).state(st -> st.name("running")).build());
            }
            return DescribeInstancesResponse.builder().reservations(Reservation.builder().instances(found).build()).build();
        }

        public RunInstancesResponse runInstances(RunInstancesRequest r) {
            synchronized (RUNS) {
                RUNS.add(r);
            }
            String id = context.ids().next("i");
            if ("ami-bad".equals(r.imageId())) {
                throw new AwsException("InvalidAMIID.Malformed", "Invalid id: \"ami-bad\" (expecting \"ami-...\")", 400);
            }
            INSTANCE_TYPES.put(id, r.instanceTypeAsString() == null ? "m1.small" : r.instanceTypeAsString());
            return RunInstancesResponse.builder().instances(Instance.builder().instanceId(id)
                    .instanceType(r.instanceTypeAsString()).imageId(r.imageId())
                    .placement(p -> p.availabilityZone(r.placement() == null || r.placement().availabilityZone() == null
                            ? "ap-northeast-2a" : r.placement().availabilityZone())).build()).build();
        }
    }
}
