package com.rebound.notify;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records as maps, recursively, so that templates read {@code report.rto.status} whatever the expression language. */
public final class TemplateModel {

  private TemplateModel() {
  }

  public static Object of(Object value) {
    if (value instanceof Record record) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        try {
          component.getAccessor().setAccessible(true);
          map.put(component.getName(), of(component.getAccessor().invoke(record)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return map;
    }
    if (value instanceof Collection<?> collection) {
      List<Object> list = new ArrayList<>();
      collection.forEach(item -> list.add(of(item)));
      return list;
    }
    return value;
  }
}
