package dev.switchboard;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Walks the full generic signature of API types (supertypes, permitted subtypes, type parameters and their bounds,
 * record components, fields, constructors and methods with parameters, return types and declared exceptions, down
 * through arrays, wildcards and nested generics) and reports every type mentioned there that {@code allowed} rejects,
 * each as {@code Type#member: offending type}, so that one run shows every leak at once.
 *
 * <p>Only what a user can reach is walked: public types and public or protected nested types of those, and their
 * public or protected members. Compiler-made synthetic members (bridges, lambdas) are skipped: they only repeat
 * what the source declares.
 */
final class SignatureLeakChecker {
    private final Predicate<Class<?>> allowed;

    SignatureLeakChecker(Predicate<Class<?>> allowed) {
        this.allowed = allowed;
    }

    /** Whether code outside the type's package can name it: public, or public/protected inside such a type. */
    static boolean isReachable(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        Class<?> outer = type.getDeclaringClass();
        if (outer == null) {
            return Modifier.isPublic(type.getModifiers());
        }
        return isVisible(type.getModifiers()) && isReachable(outer);
    }

    static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** Every leak of the reachable ones among {@code types}, sorted. */
    SortedSet<String> leaks(Collection<Class<?>> types) {
        SortedSet<String> leaks = new TreeSet<>();
        types.stream().filter(SignatureLeakChecker::isReachable).forEach(type -> new Walk(type, leaks).all());
        return leaks;
    }

    /** The reachable public/protected constructors and methods of a type, as counted for the API's size. */
    static long visibleExecutables(Class<?> type) {
        return Arrays.stream(type.getDeclaredConstructors()).filter(SignatureLeakChecker::isApiMember).count()
                + Arrays.stream(type.getDeclaredMethods()).filter(SignatureLeakChecker::isApiMember).count();
    }

    private static boolean isApiMember(Member member) {
        return isVisible(member.getModifiers()) && !member.isSynthetic();
    }

    /** One type's walk; {@code member} names the part of the signature being walked. */
    private final class Walk {
        private final Class<?> owner;
        private final SortedSet<String> leaks;
        private String member;

        Walk(Class<?> owner, SortedSet<String> leaks) {
            this.owner = owner;
            this.leaks = leaks;
        }

        void all() {
            at("extends").type(owner.getGenericSuperclass());
            at("implements").types(owner.getGenericInterfaces());
            if (owner.isSealed()) {
                at("permits").types(owner.getPermittedSubclasses());
            }
            at("type parameters").typeParameters(owner.getTypeParameters());
            if (owner.isRecord()) {
                for (RecordComponent component : owner.getRecordComponents()) {
                    at(component.getName()).type(component.getGenericType());
                }
            }
            for (Field field : owner.getDeclaredFields()) {
                if (isApiMember(field)) {
                    at(field.getName()).type(field.getGenericType());
                }
            }
            for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
                if (isApiMember(constructor)) {
                    executable(constructor, owner.getSimpleName());
                }
            }
            for (Method method : owner.getDeclaredMethods()) {
                if (isApiMember(method)) {
                    executable(method, method.getName());
                    type(method.getGenericReturnType());
                }
            }
        }

        private void executable(Executable executable, String name) {
            String parameters = Arrays.stream(executable.getParameterTypes())
                    .map(Class::getSimpleName).collect(Collectors.joining(", "));
            at(name + "(" + parameters + ")").typeParameters(executable.getTypeParameters());
            types(executable.getGenericParameterTypes());
            types(executable.getGenericExceptionTypes());
        }

        private Walk at(String member) {
            this.member = member;
            return this;
        }

        private void typeParameters(TypeVariable<?>[] parameters) {
            // Bounds are checked where a variable is declared; a use of it (T, List<T>) adds nothing new.
            for (TypeVariable<?> parameter : parameters) {
                types(parameter.getBounds());
            }
        }

        private void types(Type[] types) {
            for (Type type : types) {
                type(type);
            }
        }

        private void type(Type type) {
            switch (type) {
                case null -> { }
                case Class<?> c when c.isArray() -> type(c.getComponentType());
                case Class<?> c -> check(c);
                case ParameterizedType p -> {
                    type(p.getOwnerType());
                    type(p.getRawType());
                    types(p.getActualTypeArguments());
                }
                case GenericArrayType a -> type(a.getGenericComponentType());
                case WildcardType w -> {
                    types(w.getUpperBounds());
                    types(w.getLowerBounds());
                }
                case TypeVariable<?> v -> { }
                default -> throw new IllegalArgumentException("unknown kind of type: " + type);
            }
        }

        private void check(Class<?> type) {
            if (!type.isPrimitive() && !allowed.test(type)) {
                leaks.add(name(owner) + "#" + member + ": " + name(type));
            }
        }

        private static String name(Class<?> type) {
            // Outer.Inner as in source, not Outer$Inner.
            return type.getCanonicalName() != null ? type.getCanonicalName() : type.getName();
        }
    }
}
