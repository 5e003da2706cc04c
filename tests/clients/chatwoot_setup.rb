# chatwoot_setup.rb: chatwoot's LeadSquared setup and its first contacts, as its
# Crm::Leadsquared clients make the calls (keys in the x-LSQ-* headers, JSON bodies), written
# with Ruby's Net::HTTP, which HTTParty (chatwoot's client) runs on. Nothing names lsq-mock:
# http_proxy and SSL_CERT_FILE send it there. Prints what it learnt as one line of JSON.
#
# 1. GET https://api.leadsquared.com/v2/Authentication.svc/UserByAccessKey.Get; every later call
#    goes to "https://#{LSQCommonServiceURLs.api}/v2/" (chatwoot's SetupService).
# 2. Find or create its activity type (ActivityTypes.Get, CreateType).
# 3. For each contact: look the lead up by email (Leads.GetByQuickSearch), else
#    Lead.CreateOrUpdate, retried with SearchBy Phone on MXDuplicateEntryException (LeadClient);
#    then post the conversation as an activity (ActivityClient#post_activity).
require "json"
require "net/http"
require "uri"

ACCESS_KEY = ENV.fetch("LSQ_ACCESS_KEY")
SECRET_KEY = ENV.fetch("LSQ_SECRET_KEY")
CONTACTS = JSON.parse(ENV.fetch("CHATWOOT_CONTACTS"))
ACTIVITY_NAME = "Chatwoot Conversation Started"

# An answer that is not 2xx, or whose body says "Status": "Error" (chatwoot's BaseClient).
class ApiError < StandardError
  attr_reader :body

  def initialize(code, body)
    @body = body
    super("LeadSquared API error: #{code} - #{body}")
  end
end

def call(method, base, path, query: {}, body: nil)
  uri = URI.join(base, path)
  unless query.empty?
    uri.query = URI.encode_www_form(URI.decode_www_form(uri.query || "") + query.to_a)
  end
  request = (method == :get ? Net::HTTP::Get : Net::HTTP::Post).new(uri)
  request["Content-Type"] = "application/json"
  request["x-LSQ-AccessKey"] = ACCESS_KEY
  request["x-LSQ-SecretKey"] = SECRET_KEY
  request.body = body.to_json unless body.nil?
  response = Net::HTTP.start(uri.host, uri.port, use_ssl: uri.scheme == "https") do |http|
    http.request(request)
  end
  parsed = JSON.parse(response.body)
  failed = !response.is_a?(Net::HTTPSuccess) || (parsed.is_a?(Hash) && parsed["Status"] == "Error")
  raise ApiError.new(response.code, parsed) if failed

  parsed
end

def pairs(lead)
  lead.map { |key, value| { "Attribute" => key, "Value" => value } }
end

def lead_id_of(endpoint, contact)
  found = call(:get, endpoint, "LeadManagement.svc/Leads.GetByQuickSearch",
               query: { key: contact["EmailAddress"] })
  return [found.first["ProspectID"], false] unless found.empty?

  path = "LeadManagement.svc/Lead.CreateOrUpdate"
  begin
    [call(:post, endpoint, path, body: pairs(contact))["Message"]["Id"], false]
  rescue ApiError => e
    raise unless e.body.is_a?(Hash) && e.body["ExceptionType"] == "MXDuplicateEntryException"

    retried = pairs(contact) + [{ "Attribute" => "SearchBy", "Value" => "Phone" }]
    [call(:post, endpoint, path, body: retried)["Message"]["Id"], true]
  end
end

user = call(:get, "https://api.leadsquared.com/v2/", "Authentication.svc/UserByAccessKey.Get")
endpoint = "https://#{user['LSQCommonServiceURLs']['api']}/v2/"

types = call(:get, endpoint, "ProspectActivity.svc/ActivityTypes.Get")
existing = types.find { |type| type["ActivityEventName"] == ACTIVITY_NAME }
code = if existing
         existing["ActivityEvent"].to_i
       else
         created = call(:post, endpoint, "ProspectActivity.svc/CreateType",
                        body: { "ActivityEventName" => ACTIVITY_NAME, "Score" => 0, "Direction" => 0 })
         created["Message"]["Id"].to_i
       end

synced = CONTACTS.map do |contact|
  lead_id, retried = lead_id_of(endpoint, contact)
  activity = call(:post, endpoint, "ProspectActivity.svc/Create",
                  body: { "RelatedProspectId" => lead_id, "ActivityEvent" => code,
                          "ActivityNote" => "Conversation started on the website" })
  { "lead_id" => lead_id, "retried" => retried, "activity_id" => activity["Message"]["Id"] }
end

puts JSON.generate(
  "endpoint_url" => endpoint, "timezone" => user["TimeZone"], "activity_code" => code,
  "contacts" => synced
)
