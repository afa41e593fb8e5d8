package io.gureum.core.protocol;

import io.gureum.core.protocol.index.ApiConstraints;
import io.gureum.core.protocol.index.ErrorEntry;
import io.gureum.core.protocol.index.OperationEntry;
import io.gureum.core.protocol.index.ServiceIndex;
import io.gureum.core.protocol.index.ServiceIndexBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service's operations and errors, from its build-time index; each operation's SDK classes load on
 * its first call. Thread-safe.
 */
public final class ServiceModel {
    private final ServiceIndex index;
    private final Class<?> clientInterface;
    private final String xmlNamespace;
    private final Map<String, OperationEntry> byWireName = new HashMap<>();
    private final Map<String, OperationEntry> byIdentifier = new HashMap<>();
    private final Map<String, OperationEntry> byClientMethod = new HashMap<>();
    private final Map<String, List<OperationEntry>> restByMethod = new HashMap<>();
    private final Map<String, ErrorEntry> errorsByClass = new HashMap<>();
    private final Map<String, ErrorEntry> errorsByCode = new HashMap<>();
    private final Map<String, OperationModel> loaded = new ConcurrentHashMap<>();
    private final Map<String, UriTemplate> templates = new ConcurrentHashMap<>();
    private volatile QueryNaming queryNaming;
    private volatile ApiConstraints constraints;

    public ServiceModel(ServiceIndex index, Class<?> clientInterface, String xmlNamespace) {
        this.index = index;
        this.clientInterface = clientInterface;
        this.xmlNamespace = xmlNamespace;
        for (OperationEntry op : index.operations()) {
            byWireName.put(op.wireName(), op);
            byClientMethod.put(op.clientMethod(), op);
            if (op.operationIdentifier() != null) {
                byIdentifier.put(op.operationIdentifier(), op);
            }
            if (op.httpMethod() != null) {
                restByMethod.computeIfAbsent(op.httpMethod(), k -> new ArrayList<>()).add(op);
            }
        }
        for (ErrorEntry e : index.errors()) {
            errorsByClass.putIfAbsent(e.exceptionClass(), e);
            errorsByCode.putIfAbsent(e.code(), e);
        }
    }

    /**
     * Loads the generated index of a client interface, or builds it by reflection when the build did
     * not generate one (tests of core itself).
     */
    public static ServiceModel load(Class<?> clientInterface, String xmlNamespace) {
        ServiceIndex index = ServiceIndex.load(clientInterface.getClassLoader(), clientInterface.getName());
        if (index == null) {
            try {
                index = ServiceIndexBuilder.build(clientInterface);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot index " + clientInterface.getName(), e);
            }
        }
        return new ServiceModel(index, clientInterface, xmlNamespace);
    }


    /** Whether the query protocol answers this operation with an empty result element (from the model). */
    public boolean hasEmptyResult(String operation) {
        ApiConstraints.OperationConstraints op = constraints().operation(operation);
        return op != null && Boolean.TRUE.equals(op.emptyResult());
    }

    /**
     * Whether the model marks the operation as called without a signature ({@code authtype: none}, e.g.
     * STS AssumeRoleWithWebIdentity): with {@code --verify-signatures} it is still answered unsigned.
     */
    public boolean unsigned(String operation) {
        ApiConstraints.OperationConstraints op = constraints().operation(operation);
        return op != null && Boolean.TRUE.equals(op.unsigned());
    }

    /** The success status of a REST operation whose answer is not 200 (the model's {@code @http(code)}), or null. */
    public Integer successStatus(String operation) {
        ApiConstraints.OperationConstraints op = constraints().operation(operation);
        return op == null ? null : op.successCode();
    }

    /**
     * The model's input constraints and HTTP facts of this API, read on first use from the constraints file
     * its module ships ({@link ApiConstraints#NONE} without one).
     */
    public ApiConstraints constraints() {
        ApiConstraints c = constraints;
        if (c == null) {
            constraints = c = ApiConstraints.load(clientInterface.getClassLoader(), clientInterface.getName());
        }
        return c;
    }

    public ServiceIndex index() {
        return index;
    }

    public String serviceName() {
        return index.serviceName();
    }

    public String protocol() {
        return index.protocol();
    }

    public Class<?> clientInterface() {
        return clientInterface;
    }

    public String xmlNamespace() {
        return xmlNamespace;
    }

    /**
     * The query-protocol names: the SDK's, or for a query-compatible JSON service those of its Smithy
     * model when that is on the class path.
     */
    public QueryNaming queryNaming() {
        QueryNaming naming = queryNaming;
        if (naming == null) {
            naming = index.awsQueryCompatible() ? SmithyQueryNaming.load(clientInterface.getClassLoader(),
                    index.serviceName()) : null;
            queryNaming = naming = naming == null ? QueryNaming.SDK : naming;
        }
        return naming;
    }

    /** The operation for a query Action or a JSON target's operation name, or null. */
    public OperationModel operationByWireName(String wireName) {
        OperationEntry e = byWireName.get(wireName);
        return e == null ? null : operation(e);
    }

    /** The operation for a full JSON target such as {@code AmazonSQS.SendMessage}, or null. */
    public OperationModel operationByTarget(String target) {
        OperationEntry e = byIdentifier.get(target);
        return e == null ? null : operation(e);
    }

    /** The operation whose SDK client method is {@code clientMethod} (e.g. {@code createSubnet}), or null. */
    public OperationModel operationByClientMethod(String clientMethod) {
        OperationEntry e = byClientMethod.get(clientMethod);
        return e == null ? null : operation(e);
    }

    public boolean hasWireName(String wireName) {
        return byWireName.containsKey(wireName);
    }

    public List<OperationEntry> restOperations(String httpMethod) {
        return restByMethod.getOrDefault(httpMethod, List.of());
    }

    public UriTemplate template(OperationEntry entry) {
        UriTemplate t = templates.get(entry.wireName());
        return t != null ? t : templates.computeIfAbsent(entry.wireName(), k -> UriTemplate.parse(entry.requestUri()));
    }

    public OperationModel operation(OperationEntry entry) {
        OperationModel m = loaded.get(entry.wireName());
        return m != null ? m : loaded.computeIfAbsent(entry.wireName(),
                k -> new OperationModel(entry, clientInterface, clientInterface.getClassLoader(), this::queryNaming));
    }

    /** The modeled error an SDK exception class stands for, or null. */
    public ErrorEntry errorFor(Class<?> exceptionClass) {
        for (Class<?> c = exceptionClass; c != null && c != Object.class; c = c.getSuperclass()) {
            ErrorEntry e = errorsByClass.get(c.getName());
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    public ErrorEntry errorByCode(String code) {
        return errorsByCode.get(code);
    }
}
