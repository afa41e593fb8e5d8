package io.gureum.core.spi;

import java.util.List;

/**
 * One module's share of one AWS API, found with {@link java.util.ServiceLoader}. Several modules may
 * register for the same API (the EC2 API is served by {@code service-vpc} and {@code service-ec2}):
 * core binds each operation to the one provider, in any of them, that has a method for it, and refuses
 * to start when two providers bind the same operation. Operations no provider binds answer 501
 * {@code NotImplemented} naming the operation.
 *
 * <p>A <em>provider</em> is a plain object whose public methods have the SDK client interface's
 * signatures ({@code CreateSubnetResponse createSubnet(CreateSubnetRequest)}); it does not implement the
 * interface. Core reads the provider classes' method tables from their class files at start, so start-up
 * loads no SDK model class; {@link #create} makes the providers on the API's first use and again after a
 * reset.
 *
 * <p>Registrations of one API must agree on {@link #clientInterface()} and {@link #xmlNamespace()}; their
 * {@link #signingNames()} are joined.
 */
public interface AwsService {

    /** The API's name: what users pass to {@code --services} and see in the health report, e.g. {@code sts}. */
    String name();

    /** The SigV4 signing names routed here (the credential scope's service part). */
    default List<String> signingNames() {
        return List.of(name());
    }

    /** The fully qualified SDK v2 client interface, e.g. {@code software.amazon.awssdk.services.sts.StsClient}. */
    String clientInterface();

    /** The XML namespace of query/EC2/restXml responses, or null (JSON services). */
    default String xmlNamespace() {
        return null;
    }

    /**
     * Whether {@link #create} runs when the server starts and again right after every reset, rather than
     * on the API's first request: for a module that must hear events other services publish before
     * anyone calls it (CloudWatch Logs receives Lambda's output).
     */
    default boolean eager() {
        return false;
    }

    /**
     * This registration's wire behaviour beyond its protocol (routing claims, codec decoration, error
     * wording); {@link ProtocolQuirks#NONE} by default. Registrations of one API are applied in order.
     */
    default ProtocolQuirks quirks() {
        return ProtocolQuirks.NONE;
    }

    /**
     * The classes of the providers {@link #create} returns. Core reads their class files (it does not
     * initialise them) to know, before any call, which operations this module binds.
     */
    List<Class<?>> providerClasses();

    /** Creates this module's providers, interceptors and hooks with empty state. */
    ServiceInstance create(ServiceContext context);
}
