package io.jakartio.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The beans of a type with the {@code @Default} qualifier, in the order of their
 * {@code @Priority} (lowest first, as CDI orders observers and interceptors; a bean without one
 * counts as {@code Interceptor.Priority.APPLICATION + 500}, CDI's default for observers), then
 * by class name so that the order never depends on discovery. Their dependent instances live
 * until {@link #release()}.
 *
 * @param <T> the bean type
 */
final class PrioritizedBeans<T> {

    /** The priority of a bean without {@code @Priority}. */
    static final int DEFAULT_PRIORITY = Interceptor.Priority.APPLICATION + 500;

    /**
     * One bean.
     *
     * @param <T> the bean type
     * @param instance its contextual reference
     * @param beanClass its class, whose annotations ({@code @SocketNamespace}) are read
     * @param priority its priority
     */
    record Found<T>(T instance, Class<?> beanClass, int priority) {
    }

    private final List<Found<T>> found = new ArrayList<>();
    private final List<CreationalContext<?>> contexts = new ArrayList<>();

    /**
     * @param beanManager the application's bean manager
     * @param type the bean type
     */
    PrioritizedBeans(BeanManager beanManager, Class<T> type) {
        List<Bean<?>> beans = new ArrayList<>(beanManager.getBeans(type));
        beans.sort(Comparator.<Bean<?>>comparingInt(PrioritizedBeans::priority)
                .thenComparing(bean -> bean.getBeanClass().getName()));
        for (Bean<?> bean : beans) {
            CreationalContext<?> context = beanManager.createCreationalContext(bean);
            contexts.add(context);
            found.add(new Found<>(type.cast(beanManager.getReference(bean, type, context)), bean.getBeanClass(),
                    priority(bean)));
        }
    }

    /** @return the beans, in order */
    List<Found<T>> found() {
        return found;
    }

    /** Destroys the dependent instances created for the references. */
    void release() {
        contexts.forEach(CreationalContext::release);
    }

    private static int priority(Bean<?> bean) {
        Priority priority = bean.getBeanClass().getAnnotation(Priority.class);
        return priority == null ? DEFAULT_PRIORITY : priority.value();
    }
}
