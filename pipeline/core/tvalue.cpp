#include "core/tvalue.hpp"

namespace bp {

TValue TValue::str(std::string s) {
    TValue v;
    v.kind = Kind::text;
    v.text = std::move(s);
    return v;
}
TValue TValue::raw(std::string s, std::string unit) {
    TValue v = str(std::move(s));
    v.unit = std::move(unit);
    return v;
}
TValue TValue::refused(std::string why) {
    TValue v = str("");
    v.refusal = std::move(why);
    return v;
}
TValue TValue::boolean(bool b) {
    TValue v;
    v.kind = Kind::flag;
    v.flag = b;
    return v;
}
TValue TValue::helper(std::string name) {
    TValue v;
    v.kind = Kind::helper;
    v.text = std::move(name);
    return v;
}
TValue TValue::list(std::vector<TValue> items) {
    TValue v;
    v.kind = Kind::list;
    v.items = std::move(items);
    return v;
}

void TValue::set(const std::string& path, TValue v) {
    const size_t dot = path.find('.');
    if (dot == std::string::npos) {
        fields[path] = std::move(v);
        return;
    }
    TValue& child = fields[path.substr(0, dot)];
    child.kind = Kind::object;
    child.set(path.substr(dot + 1), std::move(v));
}

const TValue* TValue::find(const std::string& key) const {
    if (kind != Kind::object) return nullptr;
    auto it = fields.find(key);
    return it == fields.end() ? nullptr : &it->second;
}

void TValue::merge(const TValue& other) {
    for (const auto& [key, value] : other.fields) {
        auto it = fields.find(key);
        if (it != fields.end() && it->second.kind == Kind::object && value.kind == Kind::object) it->second.merge(value);
        else fields[key] = value;
    }
}

}  // namespace bp
