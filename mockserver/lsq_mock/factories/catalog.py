"""Realistic names for a fake LeadSquared tenant: activity types, field names, option sets, notes.

Data only: the factories draw from these pools so generated tenants read like a real CRM.
"""

from __future__ import annotations

ACTIVITY_TYPE_NAMES = (
    "Site Visit",
    "Loan Application",
    "Product Demo",
    "Test Drive",
    "Campus Visit",
    "Insurance Quote",
    "Credit Card Application",
    "Property Booking",
    "Webinar Attendance",
    "Follow-up Call",
    "Document Collection",
    "KYC Verification",
    "Payment Received",
    "Course Enrollment",
    "Home Loan Enquiry",
    "Car Service Booking",
    "Account Opening",
    "Policy Renewal",
    "Counselling Session",
    "Trade Show Meeting",
    "Proposal Sent",
    "Contract Signed",
    "Callback Request",
    "Store Walk-in",
)

STRING_FIELDS = (
    "Reference Number",
    "Branch",
    "Agent Name",
    "Campaign",
    "Lead Source Detail",
    "Location",
    "Contact Person",
)
TEXT_FIELDS = ("Remarks", "Meeting Notes", "Customer Feedback", "Discussion Summary")
NUMBER_FIELDS: dict[str, tuple[int, int, int]] = {
    "Amount": (10_000, 5_000_000, 1_000),
    "Budget": (50_000, 20_000_000, 5_000),
    "Quantity": (1, 50, 1),
    "Tenure (Months)": (6, 360, 6),
    "Attendees": (1, 12, 1),
    "Lead Score": (0, 100, 1),
}
DATE_FIELDS = ("Follow-up Date", "Expected Closure Date", "Document Due Date", "Preferred Date")
DATETIME_FIELDS = ("Scheduled At", "Completed At", "Callback Time", "Check-in Time")
BOOLEAN_FIELDS = ("Interested", "Documents Verified", "Follow-up Required", "Consent Given")
DROPDOWN_FIELDS: dict[str, tuple[str, ...]] = {
    "Outcome": ("Interested", "Not Interested", "Call Back Later", "Converted"),
    "Priority": ("High", "Medium", "Low"),
    "Lead Temperature": ("Hot", "Warm", "Cold"),
    "Channel": ("Phone", "Email", "WhatsApp", "Walk-in", "Video Call"),
    "Visit Status": ("Scheduled", "Completed", "Cancelled", "No Show"),
}
MULTI_SELECT_FIELDS: dict[str, tuple[str, ...]] = {
    "Products Discussed": ("Home Loan", "Car Loan", "Personal Loan", "Credit Card", "Insurance"),
    "Documents Submitted": (
        "PAN Card",
        "Aadhaar",
        "Passport",
        "Salary Slip",
        "Bank Statement",
        "ITR",
    ),
    "Amenities Shown": ("Parking", "Lift", "Gym", "Pool", "Clubhouse", "Garden"),
}
SEARCHABLE_FIELDS = ("City", "Project", "Assigned Counsellor", "Dealer")
PROJECT_SUFFIXES = ("Heights", "Residency", "Gardens", "Meadows", "Enclave", "Towers")
CAMPAIGNS = ("Diwali Offer", "Summer Drive", "New Year Sale", "Monsoon Campaign", "Festive Fest")
LEAD_SOURCES = ("Google Ads", "Facebook", "Referral", "Website Chat", "Partner Portal", "Walk-in")
ACTIVITY_STATUSES = ("Active", "Completed", "Scheduled", "Cancelled")
NOTE_TEMPLATES = (
    "Spoke to {name}; wants to go ahead with the {activity}.",
    "{name} asked for a callback next week about the {activity}.",
    "{activity} logged from the mobile app for {name}.",
    "{name} shared the documents; {activity} pending review.",
    "Rescheduled the {activity} at {name}'s request.",
    "{name} compared us with a competitor during the {activity}.",
)
REMARK_SENTENCES = (
    "Customer is price sensitive.",
    "Asked for a detailed quotation by email.",
    "Prefers to be contacted after 6 pm.",
    "Spouse to be involved in the final decision.",
    "Existing customer of a competitor; contract ends next quarter.",
    "Needs approval from the finance team.",
    "Very positive about the offer.",
    "Will visit the branch with original documents.",
)
