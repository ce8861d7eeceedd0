# Turns store/lua/*.lua into a C++ source with one string constant per script.
# Invoked at build time: cmake -DOUT=... -DLUA_DIR=store/lua -P embed_lua.cmake
file(GLOB SOURCES "${LUA_DIR}/*.lua")
list(SORT SOURCES)
set(body "// Generated from store/lua/*.lua by cmake/embed_lua.cmake. Do not edit.\n#include \"store/lua_sources.hpp\"\n\nnamespace ombud::store::lua {\n")
foreach(src IN LISTS SOURCES)
  get_filename_component(name "${src}" NAME_WE)
  file(READ "${src}" text)
  string(APPEND body "const std::string_view ${name} = R\"ombud_lua(${text})ombud_lua\";\n")
endforeach()
string(APPEND body "}  // namespace ombud::store::lua\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
