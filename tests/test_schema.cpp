// The JSON Schema editors use must describe exactly the keys boardpack accepts.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "load/schema.hpp"

TEST_CASE("schema/boardpack.schema.json matches the loader's schema table", "[schema]") {
    // JSON is YAML, so yaml-cpp reads the schema file.
    const YAML::Node root = YAML::LoadFile(std::string(BOARDPACK_SOURCE_DIR) + "/schema/boardpack.schema.json");
    const YAML::Node defs = root["$defs"];
    REQUIRE(defs.IsMap());
    for (const auto& s : bp::load::all_schemas()) {
        INFO("object " << s.name);
        const YAML::Node d = defs[s.name];
        REQUIRE(d.IsMap());
        CHECK(d["additionalProperties"].as<bool>() == false);
        std::set<std::string> json_keys, json_required;
        for (const auto& kv : d["properties"]) json_keys.insert(kv.first.as<std::string>());
        for (const auto& r : d["required"]) json_required.insert(r.as<std::string>());
        std::set<std::string> keys(s.required.begin(), s.required.end());
        keys.insert(s.optional.begin(), s.optional.end());
        CHECK(json_keys == keys);
        CHECK(json_required == std::set<std::string>(s.required.begin(), s.required.end()));
    }
}
